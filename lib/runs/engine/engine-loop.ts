import "server-only";
import { db } from "@/lib/db/client";
import { getExperimentView } from "./load-experiment";
import { clientForCluster } from "@/lib/k8s/connections";
import { planSteps } from "./plan-steps";
import { applyStep } from "./start-cluster-run";
import { finishRun } from "./finish-run";
import { revertRun, revertBackoffMs } from "./revert-run";
import { HEARTBEAT_MS, leaseUntil, PROCESS_ID } from "./process-id";
import { perProcess } from "@/lib/runtime/per-process";
import { addRunEvent, SYSTEM } from "./timeline";
import { OPEN_STATES } from "./ledger";
import { checkAbortConditions } from "./metrics-hooks";

const TICK_MS = 1000;
const LIVE_STATES = ["running", "stopping", "preflight"];
const retryAt = perProcess("revert-retry-at", () => new Map<string, { at: number; attempt: number }>());

/**
 * Renews the leases of every live run this process drives. It has a timer of
 * its own: a tick stuck behind a slow cluster or Prometheus must not let the
 * lease lapse, or another replica would take over a healthy run.
 */
export async function renewLeases(): Promise<number> {
  const { count } = await db.run.updateMany({ where: { leaseOwner: PROCESS_ID, status: { in: LIVE_STATES } }, data: { leaseExpiresAt: leaseUntil() } });
  return count;
}

/**
 * Claims runs this process should drive: its own, and live runs whose
 * lease lapsed (their process died). Returns the ids claimed from others.
 */
async function claimRuns(now: Date): Promise<string[]> {
  await renewLeases();
  const orphans = await db.run.findMany({ where: { status: { in: LIVE_STATES }, NOT: { leaseOwner: PROCESS_ID }, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] }, select: { id: true, leaseOwner: true, leaseExpiresAt: true } });
  const claimed: string[] = [];
  for (const o of orphans) {
    const { count } = await db.run.updateMany({ where: { id: o.id, leaseOwner: o.leaseOwner, leaseExpiresAt: o.leaseExpiresAt }, data: { leaseOwner: PROCESS_ID, leaseExpiresAt: leaseUntil() } });
    if (count) claimed.push(o.id);
  }
  return claimed;
}

/**
 * A run whose driving process died cannot be trusted to still be on plan:
 * the new owner reverts everything it applied and ends it as aborted.
 */
async function recoverOrphan(runId: string): Promise<void> {
  // People experiments touch no cluster: the new owner just keeps their timer.
  if ((await db.ledgerEntry.count({ where: { runId } })) === 0) {
    const run = await db.run.findUnique({ where: { id: runId } });
    if (run?.status === "running") return;
  }
  await addRunEvent(runId, "abort", "The app process driving this run stopped; Firedrill took over and reverts everything it applied", SYSTEM);
  await finishRun(runId, "aborted", SYSTEM, "Recovered after the driving process stopped");
}

/** Repeated injection (Chaos Monkey style): applies rounds that are due. */
async function runDueRounds(runId: string, now: Date): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running" || !run.startedAt) return;
  const experiment = await getExperimentView(run.experimentId);
  const { count, intervalSec, probability } = experiment.targets.repeat;
  if (count <= 1 || !experiment.clusterId) return;
  const due = Math.min(count - 1, Math.floor((now.getTime() - run.startedAt.getTime()) / (intervalSec * 1000)));
  const done = await db.runEvent.count({ where: { runId, type: { in: ["inject", "status"] }, message: { startsWith: "Round " } } });
  for (let round = done + 1; round <= due; round++) {
    if (Math.random() >= probability) {
      await addRunEvent(runId, "status", `Round ${round + 1} of ${count} skipped (probability ${probability})`, SYSTEM);
      continue;
    }
    await addRunEvent(runId, "status", `Round ${round + 1} of ${count}`, SYSTEM);
    const { client, guardrails } = await clientForCluster(experiment.clusterId);
    const steps = await planSteps({ client, guardrails, experiment, runId, dryRun: false });
    const problems = steps.flatMap((s) => s.problems);
    if (problems.length) {
      await addRunEvent(runId, "error", `Round ${round + 1} refused: ${problems.join(" ")}`, SYSTEM);
      continue;
    }
    for (const step of steps) {
      const { error } = await applyStep({ client, experiment, runId, step, round, actor: SYSTEM });
      if (error) return finishRun(runId, "failed", SYSTEM, `Round ${round + 1} failed: ${error}`);
    }
  }
}

/** The abort condition that tripped for a live run (with its value), or null; a failed check is not a trip. */
async function abortVerdict(runId: string, experimentId: string): Promise<string | null> {
  try {
    return (await checkAbortConditions(runId, await getExperimentView(experimentId))).tripped;
  } catch {
    return null;
  }
}

/** One pass of the engine: leases, orphan recovery, automatic end of runs, repeat rounds, revert retries. */
export async function engineTick(now = new Date()): Promise<void> {
  for (const id of await claimRuns(now)) await recoverOrphan(id);
  const mine = await db.run.findMany({ where: { leaseOwner: PROCESS_ID, status: "running" }, select: { id: true, endsAt: true, experimentId: true } });
  const live = mine.filter((r) => !(r.endsAt && r.endsAt <= now));
  // Deadlines first: an ending run must not wait for a slow Prometheus.
  for (const r of mine.filter((m) => !live.includes(m))) {
    await finishRun(r.id, "completed", SYSTEM, "Duration elapsed: the experiment ended by itself and its faults were reverted");
  }
  // All live runs are checked at once: each check may wait 1.5 s for a slow
  // Prometheus, and one slow source must not delay the others' aborts.
  const verdicts = await Promise.all(live.map((r) => abortVerdict(r.id, r.experimentId)));
  for (const [i, r] of live.entries()) {
    if (verdicts[i]) {
      await finishRun(r.id, "aborted", SYSTEM, `Abort condition tripped: ${verdicts[i]}`);
      continue;
    }
    await runDueRounds(r.id, now);
  }
  // Reverts that failed before (cluster down, 5xx…) are retried with backoff, whatever the run's status.
  const stuck = await db.ledgerEntry.findMany({ where: { state: { in: [...OPEN_STATES] }, run: { status: { in: ["completed", "aborted", "failed"] } } }, select: { runId: true }, distinct: ["runId"] });
  for (const { runId } of stuck) {
    const next = retryAt.get(runId) ?? { at: 0, attempt: 0 };
    if (next.at > now.getTime()) continue;
    const { failed } = await revertRun(runId, SYSTEM);
    if (failed.length) retryAt.set(runId, { at: now.getTime() + revertBackoffMs(next.attempt + 1), attempt: next.attempt + 1 });
    else retryAt.delete(runId);
  }
}

const loop = perProcess("engine-loop", () => ({ started: false }));

/** Starts the engine loop and the lease heartbeat once per process (from instrumentation.ts). */
export function startEngineLoop(): void {
  if (loop.started) return;
  loop.started = true;
  const heartbeat = setInterval(() => {
    renewLeases().catch((error) => console.error("firedrill engine: lease heartbeat failed", error));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await engineTick();
    } catch (error) {
      console.error("firedrill engine:", error);
    } finally {
      busy = false;
    }
  }, TICK_MS);
  timer.unref();
}
