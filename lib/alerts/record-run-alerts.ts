import "server-only";
import { db } from "@/lib/db/client";
import { perProcess } from "@/lib/runtime/per-process";
import { sourceForExperiment } from "@/lib/metrics/sources";
import { BASELINE_SEC, runMarkers } from "@/lib/metrics/run-window";
import { experimentOfRun } from "@/lib/runs/lifecycle/frozen-experiment";
import { addRunEvent, SYSTEM } from "@/lib/runs/lifecycle/timeline";
import { PROCESS_ID } from "@/lib/runs/engine/process-id";
import { sameAlert } from "./alert-identity";
import { noteAlerts, type AlertObservation } from "./note-alerts";
import { readPrometheusAlerts, type PrometheusAlert } from "./read-prometheus-alerts";
import { readAlertmanagerAlerts } from "./read-alertmanager";

/** Alerts are watched this long after a run ended: a resolve (and its notification) comes after the revert. */
export const WATCH_AFTER_END_SEC = 300;

// Every timeline event written here carries data.alertWatch: the watcher's
// own writes, on its own clock, told apart from what a request wrote.

// Per run and dependency: whether the last read failed, so the timeline says
// "cannot be reached" and "answers again" once each, not every poll.
const blind = perProcess("alert-watch-blind", () => new Map<string, boolean>());

/**
 * Runs this process watches the alerts of: the live runs it drives, and of
 * those it was already watching (`watching`), the ones that ended less than
 * WATCH_AFTER_END_SEC ago. An ended run has no lease (it is cleared at the
 * end), so the watch after the end is this process's memory of what it watched.
 */
export async function runsToWatchForAlerts(now = new Date(), watching: ReadonlySet<string> = new Set()): Promise<string[]> {
  const live = await db.run.findMany({ where: { leaseOwner: PROCESS_ID, startedAt: { not: null }, status: { in: ["running", "stopping"] } }, select: { id: true } });
  const ended = watching.size ? await db.run.findMany({ where: { id: { in: [...watching] }, endedAt: { gte: new Date(now.getTime() - WATCH_AFTER_END_SEC * 1000) } }, select: { id: true } }) : [];
  return [...new Set([...live, ...ended].map((r) => r.id))];
}

/** One observation per alert: the spans and the rules API's view of it merged (see noteAlerts). */
function summarise(alerts: PrometheusAlert[]): AlertObservation[] {
  const groups: PrometheusAlert[][] = [];
  for (const a of alerts) {
    const g = groups.find((x) => sameAlert(x[0].labels, a.labels));
    if (g) g.push(a);
    else groups.push([a]);
  }
  const min = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).reduce<number | null>((m, x) => (m === null || x < m ? x : m), null);
  return groups.map((g) => {
    const labels = g.reduce((a, b) => (Object.keys(b.labels).length < Object.keys(a).length ? b.labels : a), g[0].labels);
    const fired = g.filter((a) => a.firedAt !== null);
    const firingNow = fired.some((a) => a.resolvedAt === null);
    return { labels, pendingAt: min(g.map((a) => a.activeAt)), firedAt: min(fired.map((a) => a.firedAt)), ...(fired.length ? { resolvedAt: firingNow ? null : Math.max(...fired.map((a) => a.resolvedAt as number)) } : {}) };
  });
}

async function sight(runId: string, what: "Prometheus" | "Alertmanager", failure: string | null, lost: string): Promise<void> {
  const key = `${runId}:${what}`;
  const was = blind.get(key) ?? false;
  if (failure && !was) {
    blind.set(key, true);
    await addRunEvent(runId, "error", `${what} cannot be reached for alerts (${failure}): ${lost}`, SYSTEM, { alertWatch: true });
  } else if (!failure && was) {
    blind.set(key, false);
    await addRunEvent(runId, "status", `${what} answers again: alerts are read from it again`, SYSTEM, { alertWatch: true });
  }
}

/**
 * Reads a run's alerts from its Prometheus (rules API and ALERTS series since
 * the baseline) and its Alertmanager (the alerts it holds), and records them
 * (noteAlerts). A dependency that is down is said once on the timeline and
 * changes nothing else: the run goes on, and the ALERTS series catch up on
 * what was missed once Prometheus answers again.
 */
export async function recordRunAlerts(runId: string, nowMs = Date.now()): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId }, include: { events: { where: { type: { in: ["inject", "stop", "abort", "revert"] } }, orderBy: { at: "asc" } } } });
  if (!run?.startedAt) return;
  const source = await sourceForExperiment(await experimentOfRun(run));
  if (!source) return;
  // A run that ended before its alerts were first read is not taken up after
  // the fact: the window after the end only finishes what was watched live
  // (and a late first read would write to a run nobody is looking at).
  const watched = (await db.runEvent.count({ where: { runId, type: "observation", message: { startsWith: "Watching alerts" } } })) > 0;
  if (!watched && !["running", "stopping"].includes(run.status)) return;
  const now = nowMs / 1000;
  const injectedAt = runMarkers(run).faultWindow?.from ?? run.startedAt.getTime() / 1000;
  const [prom, am] = await Promise.all([readPrometheusAlerts(source.endpoint, run.startedAt.getTime() / 1000 - BASELINE_SEC, now), source.alertmanagerUrl ? readAlertmanagerAlerts(source.alertmanagerUrl, source.endpoint) : Promise.resolve(null)]);
  await sight(runId, "Prometheus", prom.ok ? null : prom.message, "alerts are not seen firing until it answers; notifications Firedrill receives are still recorded");
  if (am) await sight(runId, "Alertmanager", am.ok ? null : am.message, "alerts are still read from Prometheus; only the notifications that reach Firedrill's receiver show what paged");
  if (prom.ok && !watched) {
    const names = prom.rules.map((r) => r.name);
    await addRunEvent(runId, "observation", `Watching alerts: ${names.length ? `${names.length} alerting rule${names.length === 1 ? "" : "s"} in ${source.name} (${names.slice(0, 8).join(", ")}${names.length > 8 ? ", …" : ""})` : `${source.name} has no alerting rules`}${source.alertmanagerUrl ? "; Alertmanager's API is read too" : ""}${source.hasReceiver ? "; its notifications arrive at Firedrill's receiver" : "; no Alertmanager receiver is set up, so paging is not measured"}`, SYSTEM, { alertWatch: true, alertRules: names, receiver: source.hasReceiver });
  }
  // Spans over before injection belong to earlier runs: merged in, they would make a fresh alert look preexisting.
  const observations = [...(prom.ok ? summarise(prom.alerts.filter((a) => a.resolvedAt === null || a.resolvedAt >= injectedAt)) : []), ...(am?.ok ? am.alerts.filter((a) => a.state !== "unprocessed").map((a) => ({ labels: a.labels, inAlertmanagerAt: now, ...(a.startsAt !== null && !prom.ok ? { firedAt: a.startsAt } : {}) })) : [])];
  await noteAlerts(runId, injectedAt, observations);
}

/** Forgets a run's per-process state once it is no longer watched. */
export function forgetRunAlerts(runId: string): void {
  blind.delete(`${runId}:Prometheus`);
  blind.delete(`${runId}:Alertmanager`);
}
