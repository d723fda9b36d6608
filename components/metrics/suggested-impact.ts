import type { RunMetricsView } from "@/lib/metrics/run-metrics";
import type { SuggestedImpact } from "@/components/runs/measured-form";

/**
 * The measured-impact form's proposal from the computed impact: the slowest
 * probe's detection and recovery, in whole minutes rounded up (the form's
 * unit; the exact seconds are in the computed table), and the verdict.
 */
export function suggestedImpact(impact: RunMetricsView["impact"]): SuggestedImpact | null {
  if (!impact || impact.probes.length === 0) return null;
  const slowest = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).reduce<number | null>((a, b) => (a === null ? b : Math.max(a, b)), null);
  const min = (s: number | null) => (s === null ? null : Math.max(1, Math.ceil(s / 60)));
  return { timeToDetectMin: min(slowest(impact.probes.map((p) => p.timeToDetectSec))), timeToRecoverMin: min(slowest(impact.probes.map((p) => p.timeToRecoverSec))), hypothesisHeld: impact.hypothesisHeld };
}
