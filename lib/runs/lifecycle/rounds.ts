import "server-only";
import { db } from "@/lib/db/client";

/**
 * Claims repeat round `round` of a running run: the run's `round` column
 * moves from round-1 to round with a conditional update, so two engine passes
 * (or two replicas) racing for the same round apply it once.
 */
export async function claimRound(runId: string, round: number): Promise<boolean> {
  const { count } = await db.run.updateMany({ where: { id: runId, status: "running", round: round - 1 }, data: { round } });
  return count === 1;
}

/** How many rounds are due `elapsedMs` after the start, the first injection being round 0. */
export function dueRound(elapsedMs: number, repeat: { count: number; intervalSec: number }): number {
  if (repeat.count <= 1) return 0;
  return Math.min(repeat.count - 1, Math.floor(elapsedMs / (repeat.intervalSec * 1000)));
}
