import "server-only";
import { db } from "@/lib/db/client";
import type { RunStatus } from "@/lib/runs/status";
import { notifyRunEvent } from "./notify-run";
import type { RunEvent } from "./schemas";

/** Which run status changes the room's channels hear about. Failed = reverts still failing: told as an abort. */
const EVENT_OF: Partial<Record<RunStatus, RunEvent>> = { running: "started", completed: "stopped", aborted: "aborted", failed: "aborted" };

/**
 * Sends the GameDay's run notifications for a status change, in the
 * background: a slow or broken webhook must never delay a Stop. Returns the
 * delivery promise (tests await it); callers ignore it.
 */
export function announceTransition(runId: string, to: RunStatus, actorName: string): Promise<void> {
  const event = EVENT_OF[to];
  if (!event) return Promise.resolve();
  return (async () => {
    const run = await db.run.findUnique({ where: { id: runId }, select: { experiment: { select: { title: true, gameDayId: true } } } });
    if (!run) return;
    await notifyRunEvent({ gameDayId: run.experiment.gameDayId, runId, event, title: run.experiment.title, actor: actorName });
  })().catch((error) => console.warn("firedrill: run notification failed", error));
}
