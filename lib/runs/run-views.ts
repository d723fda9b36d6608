import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import { getExperimentOrThrow, type ExperimentView } from "@/lib/experiments/experiments";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { userImpactSchema, type UserImpact } from "@/lib/gameday/impact";
import { runStatusSchema, type RunStatus } from "./status";
import { settleRun } from "./runs";

export interface RunEventView {
  id: string;
  at: string;
  type: string;
  message: string;
  actorName: string | null;
}

export interface MeasuredView {
  severity: number;
  userImpact: UserImpact;
  alertFired: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  hypothesisHeld: boolean;
  notes: string;
}

export interface LedgerView {
  id: string;
  kind: string;
  target: string;
  state: string;
  attempts: number;
  lastError: string | null;
}

export interface RunView {
  id: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  endsAt: string | null;
  endedAt: string | null;
  experiment: ExperimentView;
  events: RunEventView[];
  measured: MeasuredView | null;
  /** Every change made to a cluster, and whether it has been reverted. */
  ledger: LedgerView[];
}

/** A run with its timeline; a run past its end is settled first. */
export async function getRunOrThrow(user: SessionUser, runId: string): Promise<RunView> {
  const exists = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, select: { id: true } });
  if (!exists) throw notFound("Run");
  await settleRun(runId);
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, measured: true, ledger: { orderBy: { createdAt: "asc" } } },
  });
  const experiment = await getExperimentOrThrow(user, run.experimentId);
  return {
    id: run.id,
    status: runStatusSchema.parse(run.status),
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endsAt: run.endsAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    experiment,
    events: run.events.map((e) => ({ id: e.id, at: e.at.toISOString(), type: e.type, message: e.message, actorName: e.actorName })),
    measured: run.measured
      ? {
          severity: run.measured.severity,
          userImpact: userImpactSchema.parse(run.measured.userImpact),
          alertFired: run.measured.alertFired,
          timeToDetectMin: run.measured.timeToDetectMin,
          timeToRecoverMin: run.measured.timeToRecoverMin,
          hypothesisHeld: run.measured.hypothesisHeld,
          notes: run.measured.notes,
        }
      : null,
    ledger: run.ledger.map((l) => {
      const t = l.target as { kind?: string; namespace?: string; name?: string };
      return { id: l.id, kind: l.kind, target: `${t.kind ?? ""} ${t.namespace ? t.namespace + "/" : ""}${t.name ?? ""}`.trim(), state: l.state, attempts: l.attempts, lastError: l.lastError };
    }),
  };
}

export interface RunSummary {
  id: string;
  experimentId: string;
  experimentTitle: string;
  status: RunStatus;
  startedAt: string | null;
  endedAt: string | null;
  hasMeasured: boolean;
}

/** All runs of a GameDay, newest first (expired ones settled). */
export async function listRuns(user: SessionUser, gameDayId: string): Promise<RunSummary[]> {
  await getGameDayOrThrow(user, gameDayId);
  const running = await db.run.findMany({ where: { experiment: { gameDayId }, status: "running" }, select: { id: true } });
  for (const r of running) await settleRun(r.id);
  const rows = await db.run.findMany({
    where: { experiment: { gameDayId } },
    include: { experiment: { select: { title: true } }, measured: { select: { id: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    experimentId: r.experimentId,
    experimentTitle: r.experiment.title,
    status: runStatusSchema.parse(r.status),
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    hasMeasured: r.measured !== null,
  }));
}
