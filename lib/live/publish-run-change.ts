import "server-only";
import { db } from "@/lib/db/client";
import { publishGameDayEvent } from "./publish";

/**
 * Tells every screen of the run's GameDay that the run changed status. Needed
 * for changes nobody clicked (the engine ends a run at its deadline, an abort
 * condition trips, a restarted app takes a run over): server actions publish
 * on their own. Never throws.
 */
export async function publishRunChange(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { experiment: { select: { gameDayId: true } } } }).catch(() => null);
  if (run) await publishGameDayEvent(run.experiment.gameDayId, { kind: "runs" });
}
