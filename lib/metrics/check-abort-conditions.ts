import "server-only";
import type { ProbedExperiment } from "./probe-series";
import { evaluateWindow } from "./evaluate";
import { fetchProbeSeries, probesOf } from "./probe-series";
import { alignRange, chooseStep } from "./series";
import { sourceForExperiment } from "./sources";

// The engine loop ticks every second and waits for this check; a hung
// Prometheus must not hold the loop (and other runs' ends) for long.
const ABORT_QUERY_TIMEOUT_MS = 1500;

/** The outcome of one pass over a run's abort conditions. */
export type AbortCheck =
  | { state: "ok" }
  | { state: "tripped"; line: string; name: string; value: number | null }
  /** Prometheus could not answer: the run goes on (the Stop button still works), the timeline says so. */
  | { state: "blind"; reason: string };

/**
 * Evaluates every abort condition of a run over its window. The first that
 * has been true for its whole window trips. No data is not a trip.
 */
export async function checkAbortConditionsNow(experiment: ProbedExperiment, now = Date.now() / 1000): Promise<AbortCheck> {
  const conditions = probesOf(experiment).filter((p) => p.role === "abortConditions");
  if (conditions.length === 0) return { state: "ok" };
  const source = await sourceForExperiment(experiment);
  if (!source) return { state: "blind", reason: "no metrics source is configured" };
  const results = await Promise.all(
    conditions.map(async (p) => {
      const step = chooseStep(p.windowSec, 300, 1);
      const r = alignRange(now - p.windowSec, now, step);
      return (await fetchProbeSeries(source.endpoint, [p], r.from, r.to, step, ABORT_QUERY_TIMEOUT_MS))[0];
    }),
  );
  for (const s of results) {
    if (s.error !== null) continue;
    const last = s.points.length ? s.points[s.points.length - 1][0] : now;
    const v = evaluateWindow(s.points, s.probe, "abortConditions", last);
    if (v.state === "breached") return { state: "tripped", line: v.line, name: s.probe.name, value: v.latest };
  }
  const failed = results.find((s) => s.error !== null);
  return failed ? { state: "blind", reason: `${source.name}: ${failed.error}` } : { state: "ok" };
}
