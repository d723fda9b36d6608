import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadRunAlerts } from "@/lib/alerts/run-alerts-view";
import { getRunGuessBoard } from "./guess-reads";
import { measurementOf } from "./measurement";
import { geometricMean, guessError, describeRatio, type GuessError, type Measurement } from "./guess-error";
import type { GuessBoard } from "./guess-view";
import type { GuessValues } from "./guess-schema";

/** One person's guess beside the measurement, once the run has ended. */
export interface RevealedGuess {
  userId: string;
  name: string;
  mine: boolean;
  values: GuessValues;
  error: GuessError;
}

/** The room's guesses for a run: before the end only who guessed; after it, everyone's beside the measurement. */
export interface GuessReveal {
  runId: string;
  board: GuessBoard;
  /** Null until the run ended: nothing to compare with, and nothing of others' to show. */
  measurement: Measurement | null;
  guesses: RevealedGuess[];
  /** The room's typical error for this run (geometric mean of everyone's ratio), in words. */
  room: { timeToDetect: string; timeToRecover: string; pageRight: { right: number; of: number } };
}

/**
 * Everyone's guesses for a run beside what was measured, with each error and
 * the room's. Built on the viewer's board, so before the end it carries
 * counts and names only. Reads only.
 */
export async function getGuessReveal(user: SessionUser, runId: string): Promise<GuessReveal> {
  const board = await getRunGuessBoard(user, runId);
  const empty = { runId, board, measurement: null, guesses: [], room: { timeToDetect: "—", timeToRecover: "—", pageRight: { right: 0, of: 0 } } };
  if (!board.revealed) return empty;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true, measured: { select: { timeToDetectMin: true, timeToRecoverMin: true, paged: true } } } });
  const alerts = run.startedAt ? (await loadRunAlerts(runId, run.startedAt.getTime() / 1000)).measures : null;
  const measurement = measurementOf(run.measured, alerts);
  const guesses = board.revealed.map((g) => ({ userId: g.userId, name: g.name, mine: g.mine, values: g.values, error: guessError(g.values, measurement) }));
  const ratios = (k: "timeToDetect" | "timeToRecover") => guesses.flatMap((g) => (g.error[k].ratio === null ? [] : [g.error[k].ratio]));
  const judged = guesses.filter((g) => g.error.pageRight !== null);
  return {
    runId,
    board,
    measurement,
    guesses,
    room: {
      timeToDetect: describeRatio(geometricMean(ratios("timeToDetect"))).text,
      timeToRecover: describeRatio(geometricMean(ratios("timeToRecover"))).text,
      pageRight: { right: judged.filter((g) => g.error.pageRight).length, of: judged.length },
    },
  };
}
