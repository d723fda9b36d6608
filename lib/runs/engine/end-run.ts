import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runStatusSchema, isTerminal } from "../status";
import { END_CAUSES, type EndCause } from "../lifecycle/end-causes";
import { addRunEvent, type Actor } from "../lifecycle/timeline";
import { transition } from "../lifecycle/transition";
import { releaseLocksIfDone } from "../lifecycle/target-locks";
import { OPEN_STATES } from "./ledger";
import { revertRun } from "./revert-run";
import { leaseUntil, PROCESS_ID } from "./process-id";
import { spawnTask, taskOf, waitAtMost } from "./run-tasks";
import { onRunEnded } from "./metrics-hooks";

/** How long an end waits for a round of the same run still applying in this process. */
const ROUND_WAIT_MS = 20_000;
/** How long an end waits for the metric snapshot (Prometheus calls have their own deadline). */
const SNAPSHOT_WAIT_MS = 15_000;

/**
 * Ends a run, whatever ends it (lib/runs/lifecycle/end-causes.ts lists every
 * way): running → stopping, every fault reverted, then the cause's outcome,
 * or "failed" while reverts are still open (the engine keeps retrying them).
 * The engine is the only caller: at a deadline, an abort condition, a failed
 * injection or round, a recovery, and for a facilitator's Stop. One end per
 * run at a time in this process; a second caller waits for the first.
 */
export function endRun(runId: string, cause: EndCause, actor: Actor, reason?: string): Promise<void> {
  return spawnTask(`end:${runId}`, () => endRunNow(runId, cause, actor, reason ?? END_CAUSES[cause].reason));
}

async function endRunNow(runId: string, cause: EndCause, actor: Actor, reason: string): Promise<void> {
  const row = await db.run.findUnique({ where: { id: runId } });
  if (!row) return;
  const status = runStatusSchema.parse(row.status);
  const { outcome, event } = END_CAUSES[cause];
  if (isTerminal(status)) {
    await revertRun(runId, actor); // idempotent: catches anything left behind
    return;
  }
  if (status === "draft" || status === "preflight") {
    // Nothing is applied before a run is running (the ledger only takes entries then).
    await transition(runId, status, outcome === "completed" ? "aborted" : outcome, actor).catch(ignoreConflict);
    await releaseLocksIfDone(runId);
    return;
  }
  // This process takes the lease: a crash in the middle of the end is resumed by another replica.
  const lease = { leaseOwner: PROCESS_ID, leaseExpiresAt: leaseUntil() };
  if (status === "running") await transition(runId, "running", "stopping", actor, { endCause: cause, ...lease }).catch(ignoreConflict);
  else await db.run.updateMany({ where: { id: runId, status: "stopping" }, data: lease });
  await addRunEvent(runId, event, reason, actor);

  await revertRun(runId, actor);
  // A round of this run still applying here: its entries exist (the ledger refuses new ones
  // once stopping) and are reverted once its calls have ended.
  await waitAtMost(taskOf(`rounds:${runId}`), ROUND_WAIT_MS);
  let open = await db.ledgerEntry.count({ where: { runId, state: { in: [...OPEN_STATES] } } });
  if (open > 0) {
    await revertRun(runId, actor);
    open = await db.ledgerEntry.count({ where: { runId, state: { in: [...OPEN_STATES] } } });
  }
  if (open > 0) await addRunEvent(runId, "error", `${open} revert(s) not done yet; Firedrill keeps retrying them with backoff until they are`, actor);
  const current = runStatusSchema.parse((await db.run.findUniqueOrThrow({ where: { id: runId } })).status);
  if (current === "stopping") await transition(runId, "stopping", open > 0 ? "failed" : outcome, actor).catch(ignoreConflict);
  await releaseLocksIfDone(runId);
  await waitAtMost(
    onRunEnded(runId).catch((error) => console.error("firedrill: snapshot after run failed", error)),
    SNAPSHOT_WAIT_MS,
  );
}

/** Someone else moved the run first (two Stops, a Stop and the deadline): their transition stands. */
function ignoreConflict(error: unknown): void {
  if (error instanceof AppError && error.code === "CONFLICT") return;
  throw error;
}
