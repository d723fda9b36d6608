import type { ProbeImpact } from "./impact";

/** What was estimated for the failure mode an experiment tests. */
export interface EstimateFigures {
  failureMode: string;
  hypothesis: string;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
}

export interface ComputedDifference {
  label: string;
  expected: string;
  measured: string;
  /** "+42 s", "−1.5 min", "—" when either side is unknown. */
  delta: string;
  verdict: "better" | "worse" | "as-expected" | "unknown";
}

const seconds = (s: number | null) => (s === null ? "—" : s < 120 ? `${Math.round(s * 10) / 10} s` : `${Math.round((s / 60) * 10) / 10} min`);

function timeDiff(label: string, expectedMin: number | null, measuredSec: number | null): ComputedDifference {
  if (expectedMin === null || measuredSec === null) return { label, expected: expectedMin === null ? "—" : `${expectedMin} min`, measured: seconds(measuredSec), delta: "—", verdict: "unknown" };
  const d = measuredSec - expectedMin * 60;
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  return { label, expected: `${expectedMin} min`, measured: seconds(measuredSec), delta: `${sign}${seconds(Math.abs(d))}`, verdict: Math.abs(d) < 1 ? "as-expected" : d < 0 ? "better" : "worse" };
}

/**
 * The computed measured impact beside the estimate: time to detect and to
 * recover (the slowest probe's, the one users felt longest) and whether the
 * hypothesis held (the estimate states it should).
 */
export function compareWithEstimate(estimate: EstimateFigures | null, impacts: ProbeImpact[], held: boolean | null): ComputedDifference[] {
  const worst = (f: (p: ProbeImpact) => number | null) => impacts.map(f).filter((v): v is number => v !== null).reduce<number | null>((a, b) => (a === null ? b : Math.max(a, b)), null);
  return [
    timeDiff("Time to detect", estimate?.timeToDetectMin ?? null, worst((p) => p.timeToDetectSec)),
    timeDiff("Time to recover", estimate?.timeToRecoverMin ?? null, worst((p) => p.timeToRecoverSec)),
    {
      label: "Hypothesis",
      expected: estimate ? "holds" : "—",
      measured: held === null ? "no data" : held ? "held" : "disproved",
      delta: held === null || !estimate ? "—" : held ? "as expected" : "disproved",
      verdict: held === null || !estimate ? "unknown" : held ? "as-expected" : "worse",
    },
  ];
}
