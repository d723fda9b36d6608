import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toExperimentView, type ExperimentView } from "@/lib/experiments/experiments";

/** An experiment by id for the engine (no session: the engine acts for the run's owner). */
export async function getExperimentView(experimentId: string): Promise<ExperimentView> {
  const e = await db.experiment.findUnique({ where: { id: experimentId }, include: { failureModes: { select: { failureModeId: true } }, runs: { orderBy: { createdAt: "desc" } } } });
  if (!e) throw notFound("Experiment");
  return toExperimentView(e);
}
