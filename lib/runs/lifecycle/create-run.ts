import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { describeObjectKey } from "@/lib/faults/fault-module";
import type { FrozenExperiment, RunMode } from "./frozen-experiment";
import { heldByText, isUniqueViolation } from "./target-locks";
import { bindNextGuesses, holdExperiment } from "@/lib/gameday/guesses/bind-guesses";

/**
 * Starts a run atomically: in one transaction the run row (holding its
 * experiment through the unique `liveExperimentId`) and a lock per object it
 * may touch (unique per cluster and object). Two Starts of one experiment, or
 * two experiments on one object, race in the database and one is refused,
 * whichever replica serves them. Nothing has been touched yet when it refuses.
 * The room's guesses for the experiment's next run are bound to this run in
 * the same transaction: from the start on nobody can change them.
 */
export async function createRun(opts: {
  experiment: FrozenExperiment;
  mode: RunMode;
  startedById: string;
  /** The objects preflight chose, as lock keys (none for people experiments). */
  lockKeys: string[];
  /** The engine's lease on the run from the start, so a crash right after is recovered. */
  lease: { owner: string; until: Date };
}): Promise<string> {
  const { experiment, lockKeys } = opts;
  const clusterId = experiment.clusterId;
  try {
    return await db.$transaction(async (tx) => {
      await holdExperiment(tx, experiment.id); // a guess being saved right now lands before the start, or is refused
      const run = await tx.run.create({
        data: {
          experimentId: experiment.id,
          status: "preflight",
          liveExperimentId: experiment.id,
          mode: opts.mode,
          experimentSnapshot: experiment as never,
          startedById: opts.startedById,
          leaseOwner: opts.lease.owner,
          leaseExpiresAt: opts.lease.until,
        },
      });
      if (clusterId && lockKeys.length > 0) await tx.targetLock.createMany({ data: [...new Set(lockKeys)].map((objectKey) => ({ clusterId, objectKey, runId: run.id })) });
      await bindNextGuesses(tx, experiment.id, run.id);
      return run.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const live = await db.run.findUnique({ where: { liveExperimentId: experiment.id }, select: { id: true } });
    if (live) throw new AppError({ code: "CONFLICT", message: `This experiment is already running (run ${live.id}). Stop that run first.` });
    const held = clusterId ? await db.targetLock.findFirst({ where: { clusterId, objectKey: { in: lockKeys } }, select: { objectKey: true, runId: true, run: { select: { experiment: { select: { title: true } } } } } }) : null;
    if (held) throw new AppError({ code: "CONFLICT", message: `Nothing was touched: ${describeObjectKey(held.objectKey)} ${heldByText({ runId: held.runId, title: held.run.experiment.title })}. Stop that run first.` });
    throw new AppError({ code: "CONFLICT", message: "Another start got there first; reload to see the run." });
  }
}
