import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { userImpactSchema, type UserImpact } from "@/lib/gameday/impact";
import { runStatusSchema, type RunStatus } from "./status";
import { experimentOfRun } from "./lifecycle/frozen-experiment";

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
  /** The rounds that applied the fault to this object ("1", "1–3"). */
  rounds: string;
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
  /** The experiment as this run injects it: the copy frozen at its start. */
  experiment: ExperimentView;
  events: RunEventView[];
  measured: MeasuredView | null;
  /** Every change made to a cluster, and whether it has been reverted. */
  ledger: LedgerView[];
}

/**
 * A run with its timeline and ledger. A pure read: a run past its deadline is
 * shown as it is until the engine ends it (within a second), never ended here.
 */
export async function getRunOrThrow(user: SessionUser, runId: string): Promise<RunView> {
  const run = await db.run.findFirst({
    where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } },
    include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, measured: true, ledger: { orderBy: { createdAt: "asc" } }, experiment: { select: { runs: { select: { id: true, status: true, createdAt: true }, orderBy: { createdAt: "desc" } } } } },
  });
  if (!run) throw notFound("Run");
  const frozen = await experimentOfRun(run);
  const experiment: ExperimentView = { ...frozen, runs: run.experiment.runs.map((r) => ({ id: r.id, status: runStatusSchema.parse(r.status), createdAt: r.createdAt.toISOString() })) };
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
      const t = l.target as { kind?: string; namespace?: string; name?: string; pods?: unknown };
      const pods = Array.isArray(t.pods) ? ` (${t.pods.length} pods)` : "";
      const rounds = l.lastRound > l.round ? `${l.round + 1}–${l.lastRound + 1}` : String(l.round + 1);
      return { id: l.id, kind: l.kind, target: `${t.kind ?? ""} ${t.namespace ? t.namespace + "/" : ""}${t.name ?? ""}${pods}`.trim(), state: l.state, rounds, attempts: l.attempts, lastError: l.lastError };
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

/** All runs of a GameDay, newest first. A pure read. */
export async function listRuns(user: SessionUser, gameDayId: string): Promise<RunSummary[]> {
  await getGameDayOrThrow(user, gameDayId);
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
