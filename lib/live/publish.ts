import "server-only";
import { db } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { phaseSchema } from "@/lib/gameday/phases";
import { deliver } from "./hub";
import { notifyReplicas } from "./postgres-channel";
import type { LiveEvent, LiveKind } from "./live-event";

const isPostgres = () => resolveDatabaseTarget().kind === "postgres";

/**
 * Bumps the GameDay's change counter and reads where the room is, in one
 * statement, so the event says exactly which change it is and the current step.
 */
async function nextSeq(gameDayId: string): Promise<{ seq: number; phase: string; stepTimerEndsAt: unknown } | null> {
  const rows = await db.$queryRaw<{ liveSeq: number | bigint; phase: string; stepTimerEndsAt: unknown }[]>`
    UPDATE "GameDay" SET "liveSeq" = "liveSeq" + 1 WHERE "id" = ${gameDayId}
    RETURNING "liveSeq", "phase", "stepTimerEndsAt"`;
  const row = rows[0];
  return row ? { seq: Number(row.liveSeq), phase: row.phase, stepTimerEndsAt: row.stepTimerEndsAt } : null;
}

/** SQLite hands back timestamps as numbers or strings through raw queries; PostgreSQL as Date. */
export function toIsoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Tells every screen of a GameDay — on every replica — that it changed, so
 * they refetch. Called after a successful change (the action helper does it
 * for every server action; lib code calls it for changes nobody clicked,
 * such as a run that ends by itself). Never throws: live updates are a
 * convenience on top of a change that already happened, and a screen that
 * misses one converges on its next event or reconnect.
 */
export async function publishGameDayEvent(gameDayId: string, event: { kind: LiveKind }): Promise<void> {
  try {
    const row = await nextSeq(gameDayId);
    if (!row) return; // The GameDay is gone (deleted): nobody to tell.
    const live: LiveEvent = {
      gameDayId,
      seq: row.seq,
      kind: event.kind,
      phase: phaseSchema.catch("gather").parse(row.phase),
      stepTimerEndsAt: toIsoOrNull(row.stepTimerEndsAt),
      at: new Date().toISOString(),
    };
    if (!isPostgres()) {
      deliver(live); // The embedded database means one process: hand it over directly.
      return;
    }
    try {
      await notifyReplicas(live);
    } catch (error) {
      // The other replicas will catch up on their next event; this one need not wait.
      console.error("live: NOTIFY failed, delivering locally only:", (error as Error).message);
      deliver(live);
    }
  } catch (error) {
    console.error(`live: could not publish a change of GameDay ${gameDayId}:`, error);
  }
}
