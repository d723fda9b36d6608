import "server-only";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { holdExperiment } from "./bind-guesses";
import { mayGuess, type GuessInput } from "./guess-schema";

/** Refused when the next run has already started: the guess would be made knowing how it goes. */
export const LOCKED_MESSAGE = "The run has started: guesses are locked. Yours stays as you left it, and everyone's is revealed when the run ends.";

/**
 * Saves (or changes) the member's own guess for the next run of an
 * experiment of their team. Refused for viewers, for other teams'
 * experiments (not found), and once a run of the experiment is open: the
 * check and the write happen while the experiment is held (holdExperiment),
 * so a start racing this save cannot leave the guess unbound.
 * The audit entry says who guessed, never what: the log is read before the
 * reveal.
 */
export async function saveGuess(user: SessionUser, input: GuessInput): Promise<{ gameDayId: string; experimentId: string }> {
  if (!mayGuess(user.role)) throw forbidden("Viewers watch: only participants, facilitators and admins enter a guess.");
  const { experimentId, ...values } = input;
  const experiment = await db.experiment.findFirst({ where: { id: experimentId, gameDay: { teamId: user.teamId } }, select: { id: true, gameDayId: true } });
  if (!experiment) throw notFound("Experiment");
  await db.$transaction(async (tx) => {
    await holdExperiment(tx, experimentId);
    const open = await tx.run.findUnique({ where: { liveExperimentId: experimentId }, select: { id: true } });
    if (open) throw new AppError({ code: "CONFLICT", message: LOCKED_MESSAGE });
    await tx.personalEstimate.upsert({
      where: { experimentId_userId_slot: { experimentId, userId: user.id, slot: "next" } },
      create: { experimentId, userId: user.id, userName: user.name, slot: "next", ...values },
      update: { userName: user.name, ...values },
    });
    await auditBy(user, "guess.saved", { type: "experiment", id: experimentId }, undefined, tx);
  });
  return { gameDayId: experiment.gameDayId, experimentId };
}
