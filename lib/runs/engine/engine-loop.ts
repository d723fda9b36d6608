import "server-only";
import { db } from "@/lib/db/client";
import { perProcess } from "@/lib/runtime/per-process";
import { LIVE_STATUSES, TERMINAL_STATUSES } from "../status";
import { experimentOfRun, runModeOf } from "../lifecycle/frozen-experiment";
import { addRunEvent, SYSTEM } from "../lifecycle/timeline";
import { endCauseOf } from "../lifecycle/end-causes";
import { HEARTBEAT_MS, leaseUntil, PROCESS_ID } from "./process-id";
import { OPEN_STATES } from "./ledger";
import { endRun } from "./end-run";
import { revertRun, revertBackoffMs } from "./revert-run";
import { runDueRounds } from "./run-rounds";
import { checkAbortConditions } from "./metrics-hooks";
import { clustersToSweep, sweepCluster } from "./sweeper";
import { isRunning, spawnTask, waitAtMost } from "./run-tasks";
import { confirmRun, runsToConfirm } from "./confirm-faults";
import { forgetRunAlerts, recordRunAlerts, runsToWatchForAlerts } from "@/lib/alerts/record-run-alerts";
import { forgetHttpProbes, runsToProbe, sampleHttpProbes } from "@/lib/metrics/http-probes/sample-http-probes";

const TICK_MS = 1000;
const SWEEP_EVERY_MS = 30_000;
/** Effects and recoveries are read back from the cluster at most this often per run. */
const CONFIRM_EVERY_MS = 2_000;
const confirmedAt = perProcess("confirmed-at", () => new Map<string, number>());
/** A run's alerts (Prometheus rules and ALERTS, Alertmanager) are read at most this often. */
const ALERTS_EVERY_MS = 2_000;
const alertsReadAt = perProcess("alerts-read-at", () => new Map<string, number>());
/** Runs whose HTTP probes this process called at the last tick (each probe keeps its own interval). */
const probedRuns = perProcess("http-probed-runs", () => new Set<string>());
/** How long one tick's caller waits for a task (engineTick, tests); the loop itself never waits for tasks. */
const TASK_WAIT_MS = 30_000;
const LIVE = [...LIVE_STATUSES];
const retryAt = perProcess("revert-retry-at", () => new Map<string, { at: number; attempt: number }>());
const sweptAt = perProcess("swept-at", () => ({ at: 0 }));
const sweepErrors = perProcess("sweep-errors", () => new Map<string, string>());

/**
 * Renews the leases of every live run this process drives. It has a timer of
 * its own: a tick stuck behind a slow cluster or Prometheus must not let the
 * lease lapse, or another replica would take over a healthy run.
 */
export async function renewLeases(): Promise<number> {
  const { count } = await db.run.updateMany({ where: { leaseOwner: PROCESS_ID, status: { in: LIVE } }, data: { leaseExpiresAt: leaseUntil() } });
  return count;
}

/**
 * Claims runs this process should drive: its own, and live runs whose
 * lease lapsed (their process died). Returns the ids claimed from others.
 */
async function claimRuns(now: Date): Promise<string[]> {
  await renewLeases();
  const orphans = await db.run.findMany({ where: { status: { in: LIVE }, NOT: { leaseOwner: PROCESS_ID }, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] }, select: { id: true, leaseOwner: true, leaseExpiresAt: true } });
  const claimed: string[] = [];
  for (const o of orphans) {
    const { count } = await db.run.updateMany({ where: { id: o.id, leaseOwner: o.leaseOwner, leaseExpiresAt: o.leaseExpiresAt }, data: { leaseOwner: PROCESS_ID, leaseExpiresAt: leaseUntil() } });
    if (count) claimed.push(o.id);
  }
  return claimed;
}

/**
 * A cluster run whose driving process died cannot be trusted to still be on
 * plan: the new owner reverts everything it applied and ends it as aborted,
 * whether or not it had written a ledger entry yet. A people run just keeps
 * its timer. Which one it is, is the run's `mode` column, not its ledger.
 */
async function recoverOrphan(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return;
  if (run.status === "running" && runModeOf(run, await experimentOfRun(run)) === "people") return;
  if (run.status !== "stopping") await addRunEvent(runId, "abort", "The app process driving this run stopped; Firedrill took over and reverts everything it applied", SYSTEM);
  await endRun(runId, run.status === "stopping" ? endCauseOf(run.endCause) : "recovered", SYSTEM);
}

/** Whether an abort condition tripped (a failed check is not a trip); ends the run when one did. */
async function checkAborts(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running") return;
  const { tripped } = await checkAbortConditions(runId, await experimentOfRun(run));
  if (tripped) void endRun(runId, "abort-condition", SYSTEM, `Abort condition tripped: ${tripped}`).catch(() => undefined);
}

/** Reverts that failed before (cluster down, 5xx…) are retried with backoff, whatever the run's status. */
async function retryReverts(runId: string, now: number): Promise<void> {
  const { failed, waiting } = await revertRun(runId, SYSTEM);
  const next = retryAt.get(runId) ?? { at: 0, attempt: 0 };
  if (failed.length || waiting.length) retryAt.set(runId, { at: now + revertBackoffMs(next.attempt + 1), attempt: next.attempt + 1 });
  else retryAt.delete(runId);
}

/**
 * One pass of the engine. Only the decisions are made here (a few database
 * queries); the work of each run — its end at the deadline, its abort
 * conditions, its due rounds, its revert retries, reading back whether its
 * faults took effect and recovered, its alerts, its HTTP probes' requests —
 * and each cluster's sweep
 * runs as a task of its own (run-tasks.ts), so one slow Prometheus, dead
 * cluster or failing run delays no other run. Returns the tasks it started.
 */
export async function scheduleTick(now = new Date()): Promise<Promise<void>[]> {
  const started: Promise<void>[] = [];
  const spawn = (key: string, work: () => Promise<unknown>) => {
    if (!isRunning(key)) started.push(spawnTask(key, work).catch(() => undefined));
  };
  for (const id of await claimRuns(now)) spawn(`recover:${id}`, () => recoverOrphan(id));
  const mine = await db.run.findMany({ where: { leaseOwner: PROCESS_ID, status: { in: ["running", "stopping"] } }, select: { id: true, status: true, endsAt: true, endCause: true } });
  for (const r of mine) {
    if (isRunning(`end:${r.id}`)) continue;
    // A run left stopping (its ending process died) is ended again; a run past its deadline ends now.
    if (r.status === "stopping") spawn(`end:${r.id}`, () => endRun(r.id, endCauseOf(r.endCause), SYSTEM));
    else if (r.endsAt && r.endsAt <= now) spawn(`end:${r.id}`, () => endRun(r.id, "duration-elapsed", SYSTEM));
    else {
      spawn(`abort-check:${r.id}`, () => checkAborts(r.id));
      spawn(`rounds:${r.id}`, () => runDueRounds(r.id, now));
    }
  }
  const stuck = await db.ledgerEntry.findMany({ where: { state: { in: [...OPEN_STATES] }, run: { status: { in: [...TERMINAL_STATUSES] } } }, select: { runId: true }, distinct: ["runId"] });
  for (const { runId } of stuck) {
    if ((retryAt.get(runId)?.at ?? 0) > now.getTime() || isRunning(`end:${runId}`)) continue;
    spawn(`revert:${runId}`, () => retryReverts(runId, now.getTime()));
  }
  for (const runId of await runsToConfirm()) {
    if (now.getTime() - (confirmedAt.get(runId) ?? 0) < CONFIRM_EVERY_MS) continue;
    confirmedAt.set(runId, now.getTime());
    spawn(`confirm:${runId}`, () => confirmRun(runId, now.getTime()));
  }
  const watched = await runsToWatchForAlerts(now, new Set(alertsReadAt.keys()));
  for (const runId of watched) {
    if (now.getTime() - (alertsReadAt.get(runId) ?? 0) < ALERTS_EVERY_MS) continue;
    alertsReadAt.set(runId, now.getTime());
    spawn(`alerts:${runId}`, () => recordRunAlerts(runId, now.getTime()));
  }
  for (const runId of alertsReadAt.keys()) {
    if (watched.includes(runId)) continue;
    alertsReadAt.delete(runId);
    forgetRunAlerts(runId);
  }
  const probing = await runsToProbe(now, probedRuns);
  for (const runId of probing) {
    probedRuns.add(runId);
    spawn(`http-probes:${runId}`, () => sampleHttpProbes(runId, now.getTime()));
  }
  for (const runId of probedRuns) {
    if (probing.includes(runId)) continue;
    probedRuns.delete(runId);
    forgetHttpProbes(runId);
  }
  if (now.getTime() - sweptAt.at >= SWEEP_EVERY_MS) {
    sweptAt.at = now.getTime();
    for (const clusterId of await clustersToSweep(now)) {
      spawn(`sweep:${clusterId}`, async () => {
        const { errors } = await sweepCluster(clusterId, now);
        // Said once per cluster and problem, not every 30 s.
        const said = errors.join("; ");
        if (said && sweepErrors.get(clusterId) !== said) console.warn(`firedrill engine: sweeping cluster ${clusterId}: ${said}`);
        sweepErrors.set(clusterId, said);
      });
    }
  }
  return started;
}

/** One pass of the engine that waits (at most TASK_WAIT_MS each) for the tasks it started: for tests and scripts. */
export async function engineTick(now = new Date()): Promise<void> {
  const tasks = await scheduleTick(now);
  await Promise.all(tasks.map((t) => waitAtMost(t, TASK_WAIT_MS)));
}

const loop = perProcess("engine-loop", () => ({ started: false, timers: [] as NodeJS.Timeout[] }));

/** Starts the engine loop and the lease heartbeat once per process (from instrumentation.ts). */
export function startEngineLoop(): void {
  if (loop.started) return;
  loop.started = true;
  const heartbeat = setInterval(() => {
    renewLeases().catch((error) => console.error("firedrill engine: lease heartbeat failed", error));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let scheduling = false;
  // The tick only decides (database queries); it never waits for a run's work.
  const timer = setInterval(async () => {
    if (scheduling) return;
    scheduling = true;
    try {
      await scheduleTick();
    } catch (error) {
      console.error("firedrill engine:", error);
    } finally {
      scheduling = false;
    }
  }, TICK_MS);
  timer.unref();
  loop.timers = [heartbeat, timer];
}

/** Stops the loop's timers (tests); tasks already running finish on their own. */
export function stopEngineLoop(): void {
  for (const t of loop.timers) clearInterval(t);
  loop.timers = [];
  loop.started = false;
}
