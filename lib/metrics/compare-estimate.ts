import type { ProbeImpact } from "./impact";
import type { AlertMeasures } from "@/lib/alerts/alert-measures";

/** What was estimated for the failure mode an experiment tests. */
export interface EstimateFigures {
  failureMode: string;
  hypothesis: string;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  /** The estimate's "an alert fires" (within timeToDetectMin when given); undefined: not asked. */
  alertExpected?: boolean;
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
 * "Alert fires (within N min)" against the alert that really fired in
 * Prometheus: a checkbox answered by the team's own alerting.
 */
function alertRow(estimate: EstimateFigures | null, a: AlertMeasures): ComputedDifference {
  const expected = estimate?.alertExpected === undefined ? "—" : estimate.alertExpected ? (estimate.timeToDetectMin !== null ? `fires within ${estimate.timeToDetectMin} min` : "fires") : "does not fire";
  const first = a.fired[0];
  const measured = first ? `${first.alertname} fired after ${seconds(first.firedAfterSec)}` : "did not fire";
  if (!estimate || estimate.alertExpected === undefined) return { label: "Alert", expected, measured, delta: "—", verdict: "unknown" };
  if (!estimate.alertExpected) return { label: "Alert", expected, measured, delta: first ? "fired (not expected)" : "as expected", verdict: first ? "better" : "as-expected" };
  if (!first) return { label: "Alert", expected, measured, delta: "expected, did not fire", verdict: "worse" };
  const limit = estimate.timeToDetectMin;
  if (limit === null) return { label: "Alert", expected, measured, delta: "as expected", verdict: "as-expected" };
  const late = first.firedAfterSec - limit * 60;
  return { label: "Alert", expected, measured, delta: late > 0 ? `${seconds(late)} late` : "in time", verdict: late > 0 ? "worse" : "as-expected" };
}

/**
 * The computed measured impact beside the estimate: time to detect (when the
 * team's alerting was watched, the first alert firing; otherwise the slowest
 * probe's breach, when users were hurt), time to recover (the slowest
 * probe's), whether the alert fired and paged, and whether the hypothesis
 * held (the estimate states it should).
 */
export function compareWithEstimate(estimate: EstimateFigures | null, impacts: ProbeImpact[], held: boolean | null, alerts: AlertMeasures | null = null): ComputedDifference[] {
  const worst = (f: (p: ProbeImpact) => number | null) => impacts.map(f).filter((v): v is number => v !== null).reduce<number | null>((a, b) => (a === null ? b : Math.max(a, b)), null);
  const watched = alerts?.watched === true;
  return [
    watched ? timeDiff("Time to detect (alert fired)", estimate?.timeToDetectMin ?? null, alerts.timeToFireSec) : timeDiff("Time to detect", estimate?.timeToDetectMin ?? null, worst((p) => p.timeToDetectSec)),
    timeDiff("Time to recover", estimate?.timeToRecoverMin ?? null, worst((p) => p.timeToRecoverSec)),
    ...(watched ? [alertRow(estimate, alerts), { label: "Paged", expected: estimate?.alertExpected ? "pages" : "—", measured: alerts.paged ? `paged after ${seconds(alerts.timeToPageSec)}` : alerts.pagingWatched ? "no notification received" : "not measured: no Alertmanager receiver set up", delta: "—", verdict: "unknown" as const }] : []),
    {
      label: "Hypothesis",
      expected: estimate ? "holds" : "—",
      measured: held === null ? "no data" : held ? "held" : "disproved",
      delta: held === null || !estimate ? "—" : held ? "as expected" : "disproved",
      verdict: held === null || !estimate ? "unknown" : held ? "as-expected" : "worse",
    },
  ];
}
