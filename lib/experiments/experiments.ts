import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { runStatusSchema, type RunStatus } from "@/lib/runs/status";
import { faultStepSchema, probeSchema, targetsSchema, type ExperimentInput, type FaultStep, type Probe, type Targets } from "./schemas";
import { z } from "zod";
import { validateProbes } from "@/lib/metrics/validate-probes";

export interface ExperimentView {
  id: string;
  gameDayId: string;
  title: string;
  hypothesis: string;
  failureModeIds: string[];
  faults: FaultStep[];
  targets: Targets;
  durationSec: number;
  steadyState: Probe[];
  abortConditions: Probe[];
  rollbackNotes: string;
  clusterId: string | null;
  runs: { id: string; status: RunStatus; createdAt: string }[];
}

/** Validates what was stored, so a row written by an older version still reads safely. */
export function toExperimentView(e: {
  id: string;
  gameDayId: string;
  title: string;
  hypothesis: string;
  faults: unknown;
  targets: unknown;
  durationSec: number;
  steadyState: unknown;
  abortConditions: unknown;
  rollbackNotes: string;
  clusterId: string | null;
  failureModes: { failureModeId: string }[];
  runs: { id: string; status: string; createdAt: Date }[];
}): ExperimentView {
  return {
    id: e.id,
    gameDayId: e.gameDayId,
    title: e.title,
    hypothesis: e.hypothesis,
    failureModeIds: e.failureModes.map((f) => f.failureModeId),
    faults: z.array(faultStepSchema).parse(e.faults),
    targets: targetsSchema.parse(e.targets),
    durationSec: e.durationSec,
    steadyState: z.array(probeSchema).parse(e.steadyState),
    abortConditions: z.array(probeSchema).parse(e.abortConditions),
    rollbackNotes: e.rollbackNotes,
    clusterId: e.clusterId,
    runs: e.runs.map((r) => ({ id: r.id, status: runStatusSchema.parse(r.status), createdAt: r.createdAt.toISOString() })),
  };
}

const include = { failureModes: { select: { failureModeId: true } }, runs: { orderBy: { createdAt: "desc" as const } } };

/** The experiments of a GameDay, oldest first. */
export async function listExperiments(user: SessionUser, gameDayId: string): Promise<ExperimentView[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.experiment.findMany({ where: { gameDayId }, include, orderBy: { createdAt: "asc" } });
  return rows.map(toExperimentView);
}

/** One experiment of the member's team, or NOT_FOUND. */
export async function getExperimentOrThrow(user: SessionUser, experimentId: string): Promise<ExperimentView> {
  const e = await db.experiment.findFirst({ where: { id: experimentId, gameDay: { teamId: user.teamId } }, include });
  if (!e) throw notFound("Experiment");
  return toExperimentView(e);
}

async function checkFailureModes(gameDayId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await db.failureMode.count({ where: { id: { in: ids }, gameDayId } });
  if (found !== new Set(ids).size) {
    throw new AppError({ code: "BAD_INPUT", message: "A linked failure mode does not belong to this GameDay.", fieldErrors: { failureModeIds: "Pick failure modes of this GameDay." } });
  }
}

/** The stored columns of an experiment (shared by the editor's save and imports). */
export function experimentRow(input: ExperimentInput) {
  return {
    title: input.title,
    hypothesis: input.hypothesis,
    faults: input.faults as never,
    targets: input.targets as never,
    durationSec: input.durationSec,
    steadyState: input.steadyState as never,
    abortConditions: input.abortConditions as never,
    rollbackNotes: input.rollbackNotes,
    clusterId: input.clusterId ?? null,
  };
}

/** Creates or updates an experiment (update when `experimentId` is given). */
export async function saveExperiment(user: SessionUser, input: ExperimentInput): Promise<{ id: string }> {
  await getGameDayOrThrow(user, input.gameDayId);
  await checkFailureModes(input.gameDayId, input.failureModeIds);
  if (input.clusterId && !(await db.clusterConnection.count({ where: { id: input.clusterId, teamId: user.teamId } }))) {
    throw new AppError({ code: "BAD_INPUT", message: "That cluster connection does not exist in your team.", fieldErrors: { clusterId: "Pick one of your team's clusters." } });
  }
  const promErrors = await validateProbes(user.teamId, input.clusterId ?? null, input);
  if (Object.keys(promErrors).length > 0) throw new AppError({ code: "BAD_INPUT", message: Object.keys(promErrors).every((f) => f.endsWith(".query")) ? "Prometheus refused a probe's PromQL: fix the highlighted queries." : "A probe cannot run as written: fix the highlighted fields.", fieldErrors: promErrors });
  const data = experimentRow(input);
  const links = input.failureModeIds.map((failureModeId) => ({ failureModeId }));
  if (input.experimentId) {
    const existing = await getExperimentOrThrow(user, input.experimentId);
    if (existing.gameDayId !== input.gameDayId) throw notFound("Experiment");
    // A running experiment injects the copy preflight checked; changing the row would only mislead.
    const live = await db.run.findUnique({ where: { liveExperimentId: existing.id }, select: { id: true } });
    if (live) throw new AppError({ code: "CONFLICT", message: "This experiment is running: stop its run before you edit it. The run goes on with the experiment as it was when it started." });
    await db.$transaction([
      db.experimentFailureMode.deleteMany({ where: { experimentId: existing.id } }),
      db.experiment.update({ where: { id: existing.id }, data: { ...data, failureModes: { create: links } } }),
    ]);
    await auditBy(user, "experiment.updated", { type: "experiment", id: existing.id });
    return { id: existing.id };
  }
  const e = await db.experiment.create({
    data: { ...data, gameDayId: input.gameDayId, createdById: user.id, failureModes: { create: links } },
  });
  await auditBy(user, "experiment.created", { type: "experiment", id: e.id }, { title: input.title });
  return { id: e.id };
}

/** Deletes an experiment that has never been run (runs are history and stay). */
export async function deleteExperiment(user: SessionUser, experimentId: string): Promise<{ gameDayId: string }> {
  const e = await getExperimentOrThrow(user, experimentId);
  if (e.runs.length > 0) {
    throw new AppError({ code: "CONFLICT", message: "This experiment has runs; its history stays in the report, so it cannot be deleted." });
  }
  await db.experiment.delete({ where: { id: experimentId } });
  await auditBy(user, "experiment.deleted", { type: "experiment", id: experimentId }, { title: e.title });
  return { gameDayId: e.gameDayId };
}
