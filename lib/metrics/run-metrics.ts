import "server-only";
import { perProcess } from "@/lib/runtime/per-process";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import { isHttpProbe, probeSchema, type Probe } from "@/lib/experiments/schemas";
import { experimentOfRun } from "@/lib/runs/lifecycle/frozen-experiment";
import { hypothesisHeld, measureProbe, type ProbeImpact } from "./impact";
import { compareWithEstimate, type ComputedDifference, type EstimateFigures } from "./compare-estimate";
import { fetchProbeSeries, probesOf, type KeyedProbe } from "./probe-series";
import { AFTER_SEC, BASELINE_SEC, runMarkers, type RunMarker } from "./run-window";
import { alignRange, chooseStep, type Point, type ProbeRole } from "./series";
import { snapshotRun } from "./snapshot-run";
import { sourceForExperiment } from "./sources";
import { summariseConfirmation } from "@/lib/runs/fault-confirmation";
import { loadRunAlerts, type RunAlertsView } from "@/lib/alerts/run-alerts-view";
import type { AlertMeasures } from "@/lib/alerts/alert-measures";

export interface ChartProbe {
  key: string;
  name: string;
  role: ProbeRole;
  comparator: Probe["comparator"];
  threshold: number;
  windowSec: number;
  points: Point[];
  /** Why this probe has no series (Prometheus slow, down or refusing the query). */
  error: string | null;
}

/** Everything the run's charts and measured impact need; plain data, no secrets. */
export interface RunMetricsView {
  /** live: from Prometheus now; snapshot: from the database; unreachable: Prometheus did not answer; none: nothing to chart. */
  state: "live" | "snapshot" | "unreachable" | "none";
  message: string | null;
  sourceName: string | null;
  from: number;
  to: number;
  stepSec: number;
  /** Server time of the answer (unix seconds), so screens agree on "now". */
  now: number;
  faultWindow: { from: number; to: number | null } | null;
  markers: RunMarker[];
  /** What the run's alerting did (lib/alerts): null before the run started. */
  alerts: RunAlertsView | null;
  probes: ChartProbe[];
  /** Computed measured impact: null until the run has started. */
  /** `inconclusive`: the run's faults never took effect (lib/runs/fault-confirmation.ts): no verdict on the hypothesis. */
  impact: { probes: ProbeImpact[]; hypothesisHeld: boolean | null; inconclusive: string | null; complete: boolean; estimate: EstimateFigures | null; comparison: ComputedDifference[] } | null;
}

const CHART_TIMEOUT_MS = 2500;
// 50 screens polling one run must cost Prometheus one query per probe per
// second, not fifty: concurrent and recent requests share one answer.
const CACHE_MS = 900;
const cache = perProcess("run-metrics-cache", () => new Map<string, { at: number; value: Promise<RunMetricsView> }>());

/** The run's metrics for its charts (from Prometheus while live, from its snapshot once ended). */
export async function getRunMetrics(user: SessionUser, runId: string): Promise<RunMetricsView> {
  const owned = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, select: { id: true } });
  if (!owned) throw notFound("Run");
  const hit = cache.get(runId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = loadRunMetrics(runId);
  cache.set(runId, { at: Date.now(), value });
  value.catch(() => cache.delete(runId));
  if (cache.size > 500) for (const [k, v] of cache) if (Date.now() - v.at > CACHE_MS) cache.delete(k);
  return value;
}

/** The run's metrics without the session check or cache (engine, reports, tests). */
export async function loadRunMetrics(runId: string, nowSec = Date.now() / 1000): Promise<RunMetricsView> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, metricSnapshots: true, ledger: { select: { stepIndex: true, effect: true } } } });
  const experiment = await experimentOfRun(run);
  const { inconclusive } = summariseConfirmation(run.ledger);
  const probes = probesOf(experiment);
  const { faultWindow, markers: timelineMarkers } = runMarkers(run);
  const alerts = run.startedAt ? await loadRunAlerts(runId, faultWindow?.from ?? run.startedAt.getTime() / 1000) : null;
  const markers = [...timelineMarkers, ...(alerts?.markers ?? [])].sort((a, b) => a.at - b.at);
  const empty = { sourceName: null, from: nowSec, to: nowSec, stepSec: 1, now: nowSec, faultWindow, markers, alerts, probes: [], impact: null };
  if (probes.length === 0) return { ...empty, state: "none", message: "This experiment has no probes to chart." };
  const startedAt = run.startedAt ? run.startedAt.getTime() / 1000 : null;
  if (startedAt === null) return { ...empty, state: "none", message: "The run has not started." };
  const endedAt = run.endedAt ? run.endedAt.getTime() / 1000 : null;
  const dueTo = endedAt === null ? nowSec : Math.min(nowSec, endedAt + AFTER_SEC);

  let snapshots = run.metricSnapshots;
  // Complete a snapshot taken before the after window had passed (best effort).
  if (endedAt !== null && snapshots.some((s) => s.coversTo.getTime() / 1000 < dueTo - 2)) {
    if ((await snapshotRun(runId, nowSec).catch(() => 0)) > 0) snapshots = await db.runMetricSnapshot.findMany({ where: { runId } });
  }
  if (endedAt !== null && snapshots.length > 0) {
    const chart = snapshots
      .map((s): ChartProbe => ({ key: s.probeKey, name: s.name, role: s.probeKey.startsWith("abort") ? "abortConditions" : "steadyState", comparator: probeSchema.shape.comparator.parse(s.comparator), threshold: s.threshold, windowSec: s.windowSec, points: s.points as Point[], error: null }))
      .sort((a, b) => probes.findIndex((p) => p.key === a.key) - probes.findIndex((p) => p.key === b.key));
    const stepSec = snapshots[0].stepSec;
    return { state: "snapshot", message: null, sourceName: null, from: snapshots[0].coversFrom.getTime() / 1000, to: Math.max(...snapshots.map((s) => s.coversTo.getTime() / 1000)), stepSec, now: nowSec, faultWindow, markers, alerts, probes: chart, impact: impactOf(chart, faultWindow, startedAt, endedAt, dueTo, nowSec, await estimateOf(run.experimentId), inconclusive, alerts?.measures ?? null) };
  }

  const source = await sourceForExperiment(experiment);
  // HTTP probes are measured by Firedrill itself: they chart without Prometheus.
  if (!source && !probes.some(isHttpProbe)) return { ...empty, state: "none", message: "No metrics source is configured: an admin adds Prometheus under Settings → Metrics." };
  const step = chooseStep(dueTo - (startedAt - BASELINE_SEC), 300, 1);
  // While live the grid ends at "now" itself rather than the last whole step:
  // a sample scraped a moment ago is on screen at the next poll, not a step later.
  const range = endedAt === null ? liveRange(startedAt - BASELINE_SEC, dueTo, step) : alignRange(startedAt - BASELINE_SEC, dueTo, step);
  const series = await fetchProbeSeries(source?.endpoint ?? null, probes, range.from, range.to, step, CHART_TIMEOUT_MS, runId);
  const chart = series.map((s) => toChart(s.probe, s.points, s.error));
  const failed = series.find((s) => s.error !== null);
  const allFailed = series.every((s) => s.error !== null);
  return {
    state: allFailed ? "unreachable" : "live",
    message: failed ? `${isHttpProbe(failed.probe) || !source ? failed.probe.name : source.name}: ${failed.error}` : null,
    sourceName: source?.name ?? null,
    from: range.from,
    to: range.to,
    stepSec: step,
    now: nowSec,
    faultWindow,
    markers,
    alerts,
    probes: chart,
    impact: allFailed ? null : impactOf(chart, faultWindow, startedAt, endedAt, dueTo, nowSec, await estimateOf(run.experimentId), inconclusive, alerts?.measures ?? null),
  };
}

function liveRange(from: number, to: number, step: number): { from: number; to: number } {
  const end = Math.round(to * 1000) / 1000;
  return { from: end - Math.ceil((end - from) / step) * step, to: end };
}

function toChart(p: KeyedProbe, points: Point[], error: string | null): ChartProbe {
  return { key: p.key, name: p.name, role: p.role, comparator: p.comparator, threshold: p.threshold, windowSec: p.windowSec, points, error };
}

function impactOf(chart: ChartProbe[], faultWindow: RunMetricsView["faultWindow"], startedAt: number, endedAt: number | null, dueTo: number, nowSec: number, estimate: EstimateFigures | null, inconclusive: string | null, alerts: AlertMeasures | null): RunMetricsView["impact"] {
  const injectedAt = faultWindow?.from ?? startedAt;
  const revertedAt = faultWindow?.to ?? endedAt ?? nowSec;
  const w = { injectedAt, revertedAt, baselineSec: BASELINE_SEC, afterSec: AFTER_SEC };
  const measured = chart.filter((c) => c.error === null).map((c) => measureProbe(c.points, { name: c.name, comparator: c.comparator, threshold: c.threshold, windowSec: c.windowSec }, c.role, w));
  // While the fault is on there is no "after" yet (the live grid's last point sits at "now").
  const probes = faultWindow?.to == null && endedAt === null ? measured.map((p) => ({ ...p, after: null })) : measured;
  // A flat chart under a fault that never happened proves nothing.
  const held = inconclusive ? null : hypothesisHeld(probes);
  return { probes, hypothesisHeld: held, inconclusive, complete: endedAt !== null && dueTo >= endedAt + AFTER_SEC, estimate, comparison: compareWithEstimate(estimate, probes, held, alerts) };
}

/** The estimate of the (first) failure mode the experiment tests, if one was made. */
async function estimateOf(experimentId: string): Promise<EstimateFigures | null> {
  const link = await db.experimentFailureMode.findFirst({ where: { experimentId, failureMode: { estimate: { isNot: null } } }, include: { failureMode: { include: { estimate: true } } } });
  const e = link?.failureMode.estimate;
  return e ? { failureMode: link.failureMode.title, hypothesis: e.hypothesis, timeToDetectMin: e.timeToDetectMin, timeToRecoverMin: e.timeToRecoverMin, alertExpected: e.alertExpected } : null;
}
