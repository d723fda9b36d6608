import "server-only";
import type { Db } from "@/lib/db/client";

type Tx = Pick<Db, "$executeRaw" | "personalEstimate">;

/**
 * Holds an experiment's row until the transaction ends. Saving a guess and
 * starting a run both take it first, so they happen one after the other on
 * any database: a guess saved "during" the start either lands before it (and
 * is bound to the run) or sees the run and is refused — never left behind
 * as "next" for a run that has started. A no-op update is the one row lock
 * SQLite and PostgreSQL both understand.
 */
export async function holdExperiment(tx: Tx, experimentId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Experiment" SET "id" = "id" WHERE "id" = ${experimentId}`;
}

/**
 * Binds the guesses made for an experiment's next run to `runId`: from now
 * on they belong to that run (locked, revealed when it ends). Called in the
 * transaction that creates the run, after holdExperiment.
 */
export async function bindNextGuesses(tx: Tx, experimentId: string, runId: string): Promise<number> {
  const { count } = await tx.personalEstimate.updateMany({ where: { experimentId, slot: "next" }, data: { slot: runId, runId } });
  return count;
}
