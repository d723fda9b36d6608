import "server-only";
import { db } from "@/lib/db/client";
import { runStatusSchema, isTerminal } from "../status";
import { revertRun } from "./revert-run";
import { addRunEvent, type Actor } from "./timeline";
import { transition } from "./transition";
import { onRunEnded } from "./metrics-hooks";

/**
 * Ends a live run: stopping → revert every ledger entry → completed, aborted
 * or failed. Reverts that fail stay in the ledger and are retried by the
 * engine loop; the run then ends as failed, saying so on its timeline.
 */
export async function finishRun(runId: string, outcome: "completed" | "aborted" | "failed", actor: Actor, reason: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return;
  const status = runStatusSchema.parse(run.status);
  if (isTerminal(status)) {
    await revertRun(runId, actor); // idempotent: catches anything left behind
    return;
  }
  if (status === "draft" || status === "preflight") {
    await transition(runId, status, outcome === "completed" ? "aborted" : outcome, actor, { endedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });
    return;
  }
  if (status === "running") await transition(runId, "running", "stopping", actor);
  await addRunEvent(runId, outcome === "completed" ? "stop" : "abort", reason, actor);
  const { failed } = await revertRun(runId, actor);
  const final = failed.length > 0 ? "failed" : outcome;
  if (failed.length > 0) await addRunEvent(runId, "error", `${failed.length} revert(s) still failing; Firedrill keeps retrying them with backoff until they succeed`, actor);
  const current = runStatusSchema.parse((await db.run.findUniqueOrThrow({ where: { id: runId } })).status);
  if (current === "stopping") await transition(runId, "stopping", final, actor, { endedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });
  await onRunEnded(runId).catch((error) => console.error("firedrill: snapshot after run failed", error));
}
