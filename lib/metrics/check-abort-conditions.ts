import "server-only";
import { isHttpProbe } from "@/lib/experiments/schemas";
import type { KeyedProbe, ProbedExperiment } from "./probe-series";
import { evaluateWindow, type WindowVerdict } from "./evaluate";
import { fetchProbeSeries, probesOf } from "./probe-series";
import { alignRange, chooseStep } from "./series";
import { sourceForExperiment } from "./sources";
import { evaluateHttpWindow } from "./http-probes/http-series";
import { firstHttpSampleAt, readHttpSamples } from "./http-probes/read-http-samples";

// The engine loop ticks every second and waits for this check; a hung
// Prometheus must not hold the loop (and other runs' ends) for long.
const ABORT_QUERY_TIMEOUT_MS = 1500;

/** The outcome of one pass over a run's abort conditions. */
export type AbortCheck =
  | { state: "ok" }
  | { state: "tripped"; line: string; name: string; value: number | null }
  /** Prometheus could not answer: the run goes on (the Stop button still works), the timeline says so. */
  | { state: "blind"; reason: string };

type Verdict = { probe: KeyedProbe; verdict: WindowVerdict | null; error: string | null };

/** An HTTP condition, from the requests this run made: it needs a full window of them before it may trip. */
async function checkHttp(runId: string, p: KeyedProbe, now: number): Promise<Verdict> {
  const [samples, since] = await Promise.all([readHttpSamples(runId, p.key, now - p.windowSec, now), firstHttpSampleAt(runId, p.key)]);
  return { probe: p, verdict: evaluateHttpWindow(samples, p, "abortConditions", now, since), error: null };
}

/**
 * Evaluates every abort condition of a run over its window. The first that
 * has been true for its whole window trips. No data is not a trip. PromQL
 * conditions are asked of Prometheus; HTTP conditions are read from the
 * requests the run's probes made (`runId`), so they trip even when
 * Prometheus is down.
 */
export async function checkAbortConditionsNow(experiment: ProbedExperiment, now = Date.now() / 1000, runId: string | null = null): Promise<AbortCheck> {
  const conditions = probesOf(experiment).filter((p) => p.role === "abortConditions");
  if (conditions.length === 0) return { state: "ok" };
  const promql = conditions.filter((p) => !isHttpProbe(p));
  const source = promql.length ? await sourceForExperiment(experiment) : null;
  const results = await Promise.all(
    conditions.map(async (p): Promise<Verdict> => {
      if (isHttpProbe(p)) return runId ? checkHttp(runId, p, now) : { probe: p, verdict: null, error: "an HTTP condition is checked only during a run" };
      if (!source) return { probe: p, verdict: null, error: "no metrics source is configured" };
      const step = chooseStep(p.windowSec, 300, 1);
      const r = alignRange(now - p.windowSec, now, step);
      const s = (await fetchProbeSeries(source.endpoint, [p], r.from, r.to, step, ABORT_QUERY_TIMEOUT_MS))[0];
      if (s.error !== null) return { probe: p, verdict: null, error: `${source.name}: ${s.error}` };
      const last = s.points.length ? s.points[s.points.length - 1][0] : now;
      return { probe: p, verdict: evaluateWindow(s.points, p, "abortConditions", last), error: null };
    }),
  );
  for (const { probe, verdict } of results) {
    if (verdict?.state === "breached") return { state: "tripped", line: verdict.line, name: probe.name, value: verdict.latest };
  }
  const failed = results.find((r) => r.error !== null);
  return failed ? { state: "blind", reason: failed.error! } : { state: "ok" };
}
