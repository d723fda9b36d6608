import "server-only";
import { db } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { phaseSchema } from "@/lib/gameday/phases";
import { subscribe, type LiveMessage } from "./hub";
import { ensureListening } from "./postgres-channel";
import type { LiveHello } from "./live-event";

export interface LiveFeed {
  hello: LiveHello;
  /** Starts passing changes to the listener (those that arrived since subscribing first). */
  start(): void;
  close(): void;
}

/**
 * Opens one screen's feed of a GameDay's changes, for a member of its team.
 * It subscribes before reading where the GameDay is, so nothing that happens
 * in between is lost; changes already covered by that snapshot are dropped.
 */
export async function openLiveFeed(user: SessionUser, gameDayId: string, lastSeen: number | null, listener: (m: LiveMessage) => void): Promise<LiveFeed> {
  await getGameDayOrThrow(user, gameDayId);
  if (resolveDatabaseTarget().kind === "postgres") await ensureListening();
  let buffered: LiveMessage[] | null = [];
  const unsubscribe = subscribe(gameDayId, (m) => (buffered ? buffered.push(m) : listener(m)));
  try {
    const g = await db.gameDay.findUniqueOrThrow({ where: { id: gameDayId }, select: { liveSeq: true, phase: true, stepTimerEndsAt: true } });
    const hello: LiveHello = {
      gameDayId,
      seq: g.liveSeq,
      phase: phaseSchema.parse(g.phase),
      stepTimerEndsAt: g.stepTimerEndsAt?.toISOString() ?? null,
      missed: lastSeen !== null && g.liveSeq > lastSeen,
    };
    return {
      hello,
      start() {
        const pending = buffered ?? [];
        buffered = null;
        for (const m of pending) if (m.type !== "change" || m.event.seq > hello.seq) listener(m);
      },
      close: unsubscribe,
    };
  } catch (error) {
    unsubscribe();
    throw error;
  }
}
