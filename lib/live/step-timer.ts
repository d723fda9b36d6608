import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { idSchema } from "@/lib/gameday/schemas";

export const stepTimerSchema = z.object({
  gameDayId: idSchema,
  /** 0 clears the timebox. */
  minutes: z.coerce.number({ error: "Minutes must be a number." }).int().min(0).max(240, "Keep a timebox under 4 hours."),
});

/**
 * Starts (or with 0 minutes, clears) the shared timebox of the room's current
 * step. It lives on the GameDay, so every screen counts down to the same moment.
 */
export async function setStepTimer(user: SessionUser, input: z.infer<typeof stepTimerSchema>): Promise<{ gameDayId: string; endsAt: string | null }> {
  await getGameDayOrThrow(user, input.gameDayId);
  const endsAt = input.minutes > 0 ? new Date(Date.now() + input.minutes * 60_000) : null;
  await db.gameDay.update({ where: { id: input.gameDayId }, data: { stepTimerEndsAt: endsAt } });
  await auditBy(user, "gameday.step-timer", { type: "gameday", id: input.gameDayId }, { minutes: input.minutes });
  return { gameDayId: input.gameDayId, endsAt: endsAt?.toISOString() ?? null };
}
