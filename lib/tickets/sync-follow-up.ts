import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ExternalTracker } from "./tracker";
import { composeTicketBody, ticketMarker } from "./ticket-body";
import { classifyTrackerFailure, TRACKER_NAMES, type TrackerFailure } from "./tracker-failure";
import { splitLabels } from "./tracker-settings";
import type { TrackerKind } from "./schemas";

export interface SyncOutcome {
  id: string;
  key: string | null;
  failure: TrackerFailure | null;
}

// An attempt older than this is taken as dead (the tracker timeout is 15 s per call).
const STALE_ATTEMPT_MS = 60_000;
// Tickets found by a retry were created at most this long before the follow-up row's clock says.
const LOOKUP_SLACK_MS = 5 * 60_000;

/**
 * Brings one follow-up into its external tracker, exactly once:
 *  1. claims the attempt in the database (two retries at once cannot both create);
 *  2. on a retry, looks for a ticket carrying the follow-up's marker first,
 *     because an earlier attempt may have created it and lost the answer;
 *  3. creates the ticket only when none exists, then records key and link.
 * A tracker that is down, rejects the token or rate-limits leaves the
 * follow-up "failed" with the reason, to be retried later.
 */
export async function syncFollowUp(user: SessionUser, followUpId: string, external: { tracker: ExternalTracker; labels: string[] }, links: { appUrl: string | null }): Promise<SyncOutcome> {
  const f = await db.followUp.findFirst({
    where: { id: followUpId, gameDay: { teamId: user.teamId } },
    include: { gameDay: { select: { title: true } }, failureMode: { select: { title: true } }, run: { include: { experiment: { select: { title: true } }, measured: true } } },
  });
  if (!f) throw notFound("Follow-up");
  if (f.syncState === "synced") return { id: f.id, key: f.externalKey, failure: null };
  const { tracker } = external;
  if (f.tracker !== tracker.kind) {
    return fail(f.id, {
      code: "rejected",
      message: `This follow-up was filed for ${TRACKER_NAMES[f.tracker as TrackerKind] ?? f.tracker}, but the team now uses ${TRACKER_NAMES[tracker.kind]}. Switch back to file it, or file a new one.`,
    });
  }

  const now = new Date();
  const claimed = await db.followUp.updateMany({
    where: { id: f.id, syncState: { not: "synced" }, OR: [{ syncAttemptAt: null }, { syncState: "failed" }, { syncAttemptAt: { lt: new Date(now.getTime() - STALE_ATTEMPT_MS) } }] },
    data: { syncState: "pending", syncAttemptAt: now, syncAttempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    return { id: f.id, key: null, failure: { code: "busy", message: "Another attempt to file this ticket is under way. Refresh in a moment." } };
  }

  const marker = ticketMarker(f.id);
  try {
    const found = f.syncAttempts > 0 ? await tracker.findByMarker(marker, new Date(f.createdAt.getTime() - LOOKUP_SLACK_MS)) : null;
    const ticket =
      found ??
      (await tracker.create({
        title: f.title,
        body: composeTicketBody(f.body, {
          gameDayTitle: f.gameDay.title,
          failureMode: f.failureMode?.title ?? null,
          experiment: f.run?.experiment.title ?? null,
          runStatus: f.run?.status ?? null,
          measured: f.run?.measured ?? null,
          links: {
            run: links.appUrl && f.runId ? `${links.appUrl}/gamedays/${f.gameDayId}/runs/${f.runId}` : null,
            report: links.appUrl ? `${links.appUrl}/gamedays/${f.gameDayId}/report` : null,
          },
        }, marker),
        labels: [...new Set([...external.labels, ...splitLabels(f.labels)])],
        marker,
      }));
    await db.followUp.update({
      where: { id: f.id },
      data: { syncState: "synced", externalKey: ticket.key, externalUrl: ticket.url, externalState: ticket.state, status: ticket.status, syncError: null, syncErrorCode: null, statusCheckedAt: new Date() },
    });
    await auditBy(user, "follow-up.filed", { type: "follow-up", id: f.id }, { tracker: tracker.kind, key: ticket.key, foundOnRetry: Boolean(found) });
    return { id: f.id, key: ticket.key, failure: null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    return fail(f.id, classifyTrackerFailure(tracker.kind, error));
  }
}

/** Records a failed attempt on the follow-up (kept, with the reason, for a later retry). */
export async function fail(followUpId: string, failure: TrackerFailure): Promise<SyncOutcome> {
  await db.followUp.update({ where: { id: followUpId }, data: { syncState: "failed", syncErrorCode: failure.code, syncError: failure.message } });
  return { id: followUpId, key: null, failure };
}
