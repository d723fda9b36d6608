import "server-only";
import { db } from "@/lib/db/client";
import { isHttpProbe } from "@/lib/experiments/schemas";
import { experimentOfRun } from "@/lib/runs/lifecycle/frozen-experiment";
import { fetchProbeSeries, probesOf } from "./probe-series";
import { AFTER_SEC, BASELINE_SEC } from "./run-window";
import { alignRange, chooseStep } from "./series";
import { sourceForExperiment } from "./sources";

/**
 * Copies the series of every probe of an ended run out of Prometheus (an
 * HTTP probe's: computed from the requests it made) into RunMetricSnapshot (baseline before the start to the after window past the
 * end, or now if that has not passed yet). Probes Prometheus could not answer
 * keep any earlier snapshot. Returns how many probes were stored.
 */
export async function snapshotRun(runId: string, now = Date.now() / 1000): Promise<number> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run?.startedAt || !run.endedAt) return 0;
  const experiment = await experimentOfRun(run);
  const probes = probesOf(experiment);
  if (probes.length === 0) return 0;
  const source = await sourceForExperiment(experiment);
  if (!source && !probes.some(isHttpProbe)) return 0;
  const from = run.startedAt.getTime() / 1000 - BASELINE_SEC;
  const to = Math.min(now, run.endedAt.getTime() / 1000 + AFTER_SEC);
  const step = chooseStep(to - from, 300, 1);
  const range = alignRange(from, to, step);
  const series = await fetchProbeSeries(source?.endpoint ?? null, probes, range.from, range.to, step, 10_000, runId);
  let stored = 0;
  for (const s of series) {
    if (s.error !== null) continue;
    const data = { name: s.probe.name, query: isHttpProbe(s.probe) ? `${s.probe.http.method} ${s.probe.http.url}` : s.probe.query, comparator: s.probe.comparator, threshold: s.probe.threshold, windowSec: s.probe.windowSec, stepSec: step, points: s.points as never, coversFrom: new Date(range.from * 1000), coversTo: new Date(range.to * 1000) };
    await db.runMetricSnapshot.upsert({ where: { runId_probeKey: { runId, probeKey: s.probe.key } }, create: { runId, probeKey: s.probe.key, ...data }, update: data });
    stored++;
  }
  return stored;
}

/**
 * Snapshots a run that just ended, then again once its after window has
 * passed (so "after" and recovery are in the stored series). The second pass
 * is best-effort in this process; reading the run's metrics later completes
 * any snapshot that is still short (see getRunMetrics).
 */
export async function snapshotEndedRun(runId: string): Promise<void> {
  await snapshotRun(runId);
  const timer = setTimeout(() => void snapshotRun(runId).catch((e) => console.error("firedrill: late snapshot failed", e)), (AFTER_SEC + 2) * 1000);
  timer.unref();
}
