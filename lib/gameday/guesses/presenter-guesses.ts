import "server-only";
import type { SessionUser } from "@/lib/auth/session-user";
import { getExperimentGuessBoard } from "./guess-reads";
import { getGuessReveal, type GuessReveal } from "./guess-reveal";

/** Who has guessed for the experiment up next: counts and names, never figures. */
export interface PresenterGuessCount {
  experimentId: string;
  count: number;
  of: number;
  guessed: string[];
  waitingFor: string[];
}

/** What the big screen shows of guesses: the count for the next run, and the latest run's reveal (or its count while it runs). */
export interface PresenterGuesses {
  next: PresenterGuessCount | null;
  run: GuessReveal | null;
}

/**
 * The guesses presenter mode shows, read as the signed-in screen's member
 * (boards give figures only once a run ended, whoever is signed in).
 */
export async function loadPresenterGuesses(user: SessionUser, opts: { nextExperimentId: string | null; runId: string | null }): Promise<PresenterGuesses> {
  const [board, run] = await Promise.all([opts.nextExperimentId ? getExperimentGuessBoard(user, opts.nextExperimentId) : null, opts.runId ? getGuessReveal(user, opts.runId) : null]);
  return {
    next: board && opts.nextExperimentId ? { experimentId: opts.nextExperimentId, count: board.count, of: board.of, guessed: board.guessed.map((p) => p.name), waitingFor: board.waitingFor.map((p) => p.name) } : null,
    run,
  };
}
