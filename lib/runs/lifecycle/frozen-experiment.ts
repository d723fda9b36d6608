import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { faultStepSchema, isPeopleExperiment, probeSchema, targetsSchema } from "@/lib/experiments/schemas";
import { toExperimentView, type ExperimentView } from "@/lib/experiments/experiments";

/**
 * The experiment as preflight checked it, frozen into the run at start:
 * every round injects it and abort checks use it, whatever happens to the
 * experiment row afterwards.
 */
export const frozenExperimentSchema = z.object({
  id: z.string(),
  gameDayId: z.string(),
  title: z.string(),
  hypothesis: z.string(),
  failureModeIds: z.array(z.string()),
  faults: z.array(faultStepSchema),
  targets: targetsSchema,
  durationSec: z.number().int(),
  steadyState: z.array(probeSchema),
  abortConditions: z.array(probeSchema),
  rollbackNotes: z.string(),
  clusterId: z.string().nullable(),
});
export type FrozenExperiment = z.infer<typeof frozenExperimentSchema>;

/** The frozen copy of an experiment (everything but its runs). */
export function freeze(e: ExperimentView): FrozenExperiment {
  // zod drops what the schema does not name (the experiment's runs).
  return frozenExperimentSchema.parse(e);
}

/** cluster: faults injected into a cluster (recovered by reverting); people: a timed manual experiment. */
export type RunMode = "cluster" | "people";

/** How a run is driven: its column, or for a run from before that column, what its experiment holds. */
export function runModeOf(run: { mode: string | null }, experiment: FrozenExperiment): RunMode {
  if (run.mode === "cluster" || run.mode === "people") return run.mode;
  return isPeopleExperiment(experiment.faults) ? "people" : "cluster";
}

/**
 * The experiment a run injects: its frozen copy. A run from before frozen
 * copies existed falls back to the experiment row (what it read then too).
 */
export async function experimentOfRun(run: { experimentId: string; experimentSnapshot: unknown }): Promise<FrozenExperiment> {
  if (run.experimentSnapshot !== null && run.experimentSnapshot !== undefined) return frozenExperimentSchema.parse(run.experimentSnapshot);
  const e = await db.experiment.findUnique({ where: { id: run.experimentId }, include: { failureModes: { select: { failureModeId: true } }, runs: { select: { id: true, status: true, createdAt: true } } } });
  if (!e) throw notFound("Experiment");
  return freeze(toExperimentView(e));
}
