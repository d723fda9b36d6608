import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { findFaultKind } from "@/lib/faults/catalog";
import { hasDriver } from "@/lib/faults/registry";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";
import { isPeopleExperiment } from "@/lib/experiments/schemas";
import { isLive, runStatusSchema } from "./status";
import { addRunEvent, SYSTEM, type Actor } from "./engine/timeline";
import { transition } from "./engine/transition";
import { finishRun } from "./engine/finish-run";
import { startClusterRun } from "./engine/start-cluster-run";
import { leaseUntil, PROCESS_ID } from "./engine/process-id";

const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

/**
 * Preflight and start. Everything is checked before anything happens: a
 * refused preflight creates no run and touches nothing.
 */
export async function startRun(user: SessionUser, experimentId: string, opts: { overrideSteadyState?: boolean } = {}): Promise<{ runId: string; gameDayId: string }> {
  const experiment = await getExperimentOrThrow(user, experimentId);
  const live = await db.run.findFirst({ where: { experimentId, status: { in: ["preflight", "running", "stopping"] } } });
  if (live) throw new AppError({ code: "CONFLICT", message: "This experiment is already running. Stop that run first." });
  if (!isPeopleExperiment(experiment.faults)) {
    const missing = experiment.faults.filter((f) => !hasDriver(f.kind)).map((f) => findFaultKind(f.kind)?.label ?? f.kind);
    if (missing.length > 0) {
      throw new AppError({ code: "NOT_IMPLEMENTED", message: `Nothing was started: ${missing.join(", ")} has no fault driver in this installation yet.` });
    }
    const { runId } = await startClusterRun(user, experiment, opts);
    return { runId, gameDayId: experiment.gameDayId };
  }

  const actor = actorOf(user);
  const run = await db.run.create({ data: { experimentId, status: "draft" } });
  await addRunEvent(run.id, "status", "Run created", actor);
  await transition(run.id, "draft", "preflight", actor);
  for (const f of experiment.faults) {
    for (const rule of findFaultKind(f.kind)?.rules ?? []) await addRunEvent(run.id, "preflight", `Rule: ${rule}`, actor);
  }
  const startedAt = new Date();
  const endsAt = new Date(startedAt.getTime() + experiment.durationSec * 1000);
  await transition(run.id, "preflight", "running", actor, { startedAt, endsAt, startedById: user.id, leaseOwner: PROCESS_ID, leaseExpiresAt: leaseUntil() });
  for (const f of experiment.faults) {
    await addRunEvent(run.id, "inject", `${findFaultKind(f.kind)?.label ?? f.kind} started${describeParams(f.params)}`, actor, { kind: f.kind });
  }
  await auditBy(user, "run.started", { type: "run", id: run.id }, { experimentId, title: experiment.title });
  return { runId: run.id, gameDayId: experiment.gameDayId };
}

function describeParams(params: Record<string, unknown>): string {
  const visible = Object.entries(params).filter(([k, v]) => v !== "" && v !== undefined && k !== "plan");
  return visible.length ? ` (${visible.map(([k, v]) => `${k}: ${String(v)}`).join(", ")})` : "";
}

async function getRunRow(user: SessionUser, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, include: { experiment: true } });
  if (!run) throw notFound("Run");
  return { ...run, status: runStatusSchema.parse(run.status) };
}

/**
 * Ends a run: "stop" (the experiment is over: completed) or "abort"
 * (something went wrong). Both revert every fault through the ledger.
 * Stopping a finished run is a no-op that re-checks nothing is left behind.
 */
export async function endRun(user: SessionUser, runId: string, how: "stop" | "abort", reason: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  await finishRun(run.id, how === "stop" ? "completed" : "aborted", actorOf(user), reason || (how === "stop" ? "Stopped" : "Aborted"));
  await auditBy(user, how === "stop" ? "run.stopped" : "run.aborted", { type: "run", id: run.id }, { reason });
  return { gameDayId: run.experiment.gameDayId };
}

/**
 * Stop everything: every live run of a GameDay (or of a cluster) is aborted
 * and reverted. Errors come back per run so one failure never blocks the rest.
 */
export async function stopEverything(user: SessionUser, scope: { gameDayId: string } | { clusterId: string }): Promise<{ stopped: number; errors: string[] }> {
  const where = "gameDayId" in scope ? { experiment: { gameDayId: scope.gameDayId, gameDay: { teamId: user.teamId } } } : { experiment: { clusterId: scope.clusterId, gameDay: { teamId: user.teamId } } };
  const runs = await db.run.findMany({ where: { ...where, status: { in: ["draft", "preflight", "running", "stopping"] } } });
  const errors: string[] = [];
  let stopped = 0;
  await Promise.all(
    runs.map(async (r) => {
      try {
        await finishRun(r.id, "aborted", actorOf(user), "Stop everything");
        stopped++;
      } catch (error) {
        errors.push(error instanceof AppError ? error.message : String(error));
      }
    }),
  );
  // Also anything left open in the ledger of finished runs (e.g. reverts still failing).
  const leftovers = await db.ledgerEntry.findMany({ where: { state: { in: ["pending", "applied", "reverting", "apply-failed"] }, run: where }, select: { runId: true }, distinct: ["runId"] });
  for (const l of leftovers) await finishRun(l.runId, "aborted", actorOf(user), "Stop everything");
  await auditBy(user, "run.stop-everything", { type: "gameDayId" in scope ? "gameday" : "cluster", id: "gameDayId" in scope ? scope.gameDayId : scope.clusterId }, { stopped, errors: errors.length });
  return { stopped, errors };
}

/** Completes a run whose duration has elapsed, when nothing else has yet. Safe to call repeatedly. */
export async function settleRun(runId: string, now = new Date()): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running" || !run.endsAt || run.endsAt > now) return;
  try {
    await finishRun(run.id, "completed", SYSTEM, "Duration elapsed: the experiment ended by itself");
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return; // Another request settled it first.
    throw error;
  }
}

/** Adds an observation to the run's timeline. */
export async function addObservation(user: SessionUser, runId: string, message: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  await addRunEvent(run.id, "observation", message, actorOf(user));
  return { gameDayId: run.experiment.gameDayId };
}

export { isLive };
