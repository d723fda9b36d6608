import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { userImpactSchema, type UserImpact } from "@/lib/gameday/impact";
import { runStatusSchema, type RunStatus } from "./status";
import { experimentOfRun } from "./lifecycle/frozen-experiment";
import { findFaultKind } from "@/lib/faults/registry";
import { summariseConfirmation, type ConfirmationSummary } from "./fault-confirmation";

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
  /** Someone was paged (null: recorded before Firedrill asked). */
  paged: boolean | null;
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
  /** Did the fault take effect on this target, as the cluster reports it: checking | confirmed | failed | unconfirmed (null: not applied). */
  effect: string | null;
  effectDetail: string | null;
  /** After revert: checking | recovered | failed | unconfirmed. */
  recovery: string | null;
  recoveryDetail: string | null;
}

/** Raised in the room while a fault failed to take effect and nobody chose yet to go on or stop. */
export interface FaultAlert {
  failures: { target: string; kind: string; detail: string }[];
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
  /** What the cluster confirmed of the run's faults; `inconclusive` when a step tested nothing. */
  confirmation: ConfirmationSummary;
  faultAlert: FaultAlert | null;
}

/**
 * The failures the room has not answered yet: targets whose fault failed to
 * take effect (or was never confirmed) since the room last chose to go on,
 * while the run runs.
 */
export function faultAlertOf(run: { status: string; faultAlertAckAt: Date | null }, ledger: { effect: string | null; effectAt: Date | null; effectDetail: string | null; kind: string }[], label: (i: number) => string): FaultAlert | null {
  if (run.status !== "running") return null;
  const failures = ledger
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => (l.effect === "failed" || l.effect === "unconfirmed") && (!run.faultAlertAckAt || (l.effectAt && l.effectAt > run.faultAlertAckAt)))
    .map(({ l, i }) => ({ target: label(i), kind: l.kind, detail: l.effectDetail ?? "" }));
  return failures.length ? { failures } : null;
}

const targetLabel = (target: unknown): string => {
  const t = target as { kind?: string; namespace?: string; name?: string; pods?: unknown };
  const pods = Array.isArray(t.pods) ? ` (${t.pods.length} pods)` : "";
  return `${t.kind ?? ""} ${t.namespace ? t.namespace + "/" : ""}${t.name ?? ""}${pods}`.trim();
};

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
          paged: run.measured.paged,
          timeToDetectMin: run.measured.timeToDetectMin,
          timeToRecoverMin: run.measured.timeToRecoverMin,
          hypothesisHeld: run.measured.hypothesisHeld,
          notes: run.measured.notes,
        }
      : null,
    ledger: run.ledger.map((l) => {
      const rounds = l.lastRound > l.round ? `${l.round + 1}–${l.lastRound + 1}` : String(l.round + 1);
      return { id: l.id, kind: l.kind, target: targetLabel(l.target), state: l.state, rounds, attempts: l.attempts, lastError: l.lastError, effect: l.effect, effectDetail: l.effectDetail, recovery: l.recovery, recoveryDetail: l.recoveryDetail };
    }),
    confirmation: summariseConfirmation(run.ledger, frozen.faults.map((f, i) => `step ${i + 1} (${findFaultKind(f.kind)?.label ?? f.kind})`)),
    faultAlert: faultAlertOf(run, run.ledger, (i) => targetLabel(run.ledger[i].target)),
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
