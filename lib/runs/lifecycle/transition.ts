import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { canTransition, isTerminal, RUN_STATUS_LABELS, type RunStatus } from "../status";
import { announceTransition } from "@/lib/notifications/announce-transition";
import type { EndCause } from "./end-causes";
import { addRunEvent, type Actor } from "./timeline";

/**
 * Moves a run between statuses with a conditional update, so two people
 * pressing Stop at once produce one transition, and records it on the timeline
 * (which also tells every screen of the GameDay, on every replica). Entering a
 * terminal status frees the experiment for its next run and ends the lease.
 */
export async function transition(
  runId: string,
  from: RunStatus,
  to: RunStatus,
  actor: Actor,
  extra: { startedAt?: Date; endsAt?: Date; startedById?: string; leaseOwner?: string | null; leaseExpiresAt?: Date | null; endCause?: EndCause } = {},
): Promise<void> {
  if (!canTransition(from, to)) {
    throw new AppError({ code: "INVALID_TRANSITION", message: `A ${RUN_STATUS_LABELS[from].toLowerCase()} run cannot become ${RUN_STATUS_LABELS[to].toLowerCase()}.` });
  }
  const ended = isTerminal(to) ? { endedAt: new Date(), liveExperimentId: null, leaseOwner: null, leaseExpiresAt: null } : {};
  const { count } = await db.run.updateMany({ where: { id: runId, status: from }, data: { status: to, ...extra, ...ended } });
  if (count === 0) throw new AppError({ code: "CONFLICT", message: "The run changed meanwhile; reload to see its status." });
  await addRunEvent(runId, "status", `${RUN_STATUS_LABELS[from]} → ${RUN_STATUS_LABELS[to]}`, actor, { from, to });
  void announceTransition(runId, to, actor.name); // Slack/webhooks, in the background: it may not delay a Stop
}
