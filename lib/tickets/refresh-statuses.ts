import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { openTeamTracker } from "./tracker-settings";
import { classifyTrackerFailure, type TrackerFailure } from "./tracker-failure";
import type { ExternalTrackerKind } from "./schemas";

export interface StatusRefresh {
  results: { followUpId: string; key: string; status: string; state: string }[];
  errors: { followUpId: string; key: string | null; code: string; message: string }[];
}

/**
 * Reads the current status of the GameDay's external tickets from their
 * tracker and stores it. One ticket's failure is reported beside it; after a
 * failure that would repeat (bad token, rate limit, tracker down) the rest are
 * skipped with the same reason.
 */
export async function refreshStatuses(user: SessionUser, gameDayId: string): Promise<StatusRefresh> {
  await getGameDayOrThrow(user, gameDayId);
  const out: StatusRefresh = { results: [], errors: [] };
  const rows = await db.followUp.findMany({ where: { gameDayId, syncState: "synced", tracker: { not: "builtin" }, externalKey: { not: null } }, orderBy: { createdAt: "asc" } });
  if (rows.length === 0) return out;
  const external = await openTeamTracker(user.teamId);
  let blocked: TrackerFailure | null = null;
  for (const r of rows) {
    if (!external || external.tracker.kind !== r.tracker) {
      out.errors.push({ followUpId: r.id, key: r.externalKey, code: "rejected", message: "The team's tracker changed since this ticket was filed; its status cannot be read." });
      continue;
    }
    if (blocked) {
      out.errors.push({ followUpId: r.id, key: r.externalKey, code: blocked.code, message: blocked.message });
      continue;
    }
    try {
      const t = await external.tracker.get(r.externalKey!);
      await db.followUp.update({ where: { id: r.id }, data: { status: t.status, externalState: t.state, externalUrl: t.url, statusCheckedAt: new Date() } });
      out.results.push({ followUpId: r.id, key: t.key, status: t.status, state: t.state });
    } catch (error) {
      const f = classifyTrackerFailure(r.tracker as ExternalTrackerKind, error);
      out.errors.push({ followUpId: r.id, key: r.externalKey, code: f.code, message: f.message });
      if (f.code !== "not-found" && f.code !== "rejected") blocked = f;
    }
  }
  return out;
}
