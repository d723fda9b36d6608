import type { RunMetricsView } from "@/lib/metrics/run-metrics";
import type { SuggestedImpact } from "@/components/runs/measured-form";

const min = (s: number | null) => (s === null ? null : Math.max(1, Math.ceil(s / 60)));

/**
 * The measured-impact form's proposal from the computed impact: detection
 * (the alert firing where the team's alerting was watched, else the slowest
 * probe's first breach) and recovery in whole minutes rounded up (the form's
 * unit; the exact seconds are in the computed table), the verdict, and
 * whether an alert fired and paged.
 */
export function suggestedImpact(impact: RunMetricsView["impact"], alerts: RunMetricsView["alerts"] = null): SuggestedImpact | null {
  const a = alerts?.measures.watched ? alerts.measures : null;
  if (!impact || impact.probes.length === 0) {
    // Without probes, the team's alerting still says whether it fired and paged.
    return a ? { timeToDetectMin: min(a.timeToFireSec), timeToRecoverMin: null, hypothesisHeld: null, alertFired: a.didFire, ...(a.pagingWatched ? { paged: a.paged } : {}) } : null;
  }
  const slowest = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).reduce<number | null>((a, b) => (a === null ? b : Math.max(a, b)), null);
  // Detection is when the team found out: the alert firing, where alerting was watched; else the probes' first breach.
  const detect = a ? a.timeToFireSec : slowest(impact.probes.map((p) => p.timeToDetectSec));
  return { timeToDetectMin: min(detect), timeToRecoverMin: min(slowest(impact.probes.map((p) => p.timeToRecoverSec))), hypothesisHeld: impact.hypothesisHeld, ...(a ? { alertFired: a.didFire, ...(a.pagingWatched ? { paged: a.paged } : {}) } : {}) };
}
