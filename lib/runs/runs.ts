import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";
import { OPEN_STATUSES, runStatusSchema } from "./status";
import { addRunEvent, type Actor } from "./lifecycle/timeline";
import type { EndCause } from "./lifecycle/end-causes";
import { OPEN_STATES } from "./engine/ledger";
import { startRunNow } from "./engine/start-run";
import { endRun as engineEndRun } from "./engine/end-run";

/**
 * What people do to runs (start, stop, abort, stop everything, observe):
 * each checks the member and hands the run to its owner, lib/runs/lifecycle
 * through the engine. Nothing here ends a run by itself, and nothing that
 * only reads does.
 */
const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

/**
 * Preflight and start. Everything is checked before anything happens: a
 * refused preflight creates no run and touches nothing; a second Start of a
 * running experiment (or of one whose targets another run holds) is refused
 * by the database, on any replica.
 */
export async function startRun(user: SessionUser, experimentId: string, opts: { overrideSteadyState?: boolean } = {}): Promise<{ runId: string; gameDayId: string }> {
  const experiment = await getExperimentOrThrow(user, experimentId);
  const live = await db.run.findUnique({ where: { liveExperimentId: experimentId }, select: { id: true } });
  if (live) throw new AppError({ code: "CONFLICT", message: `This experiment is already running (run ${live.id}). Stop that run first.` });
  const { runId } = await startRunNow(user, experiment, opts);
  return { runId, gameDayId: experiment.gameDayId };
}

async function getRunRow(user: SessionUser, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, include: { experiment: true } });
  if (!run) throw notFound("Run");
  return { ...run, status: runStatusSchema.parse(run.status) };
}

/**
 * A facilitator ends a run: "stop" (the experiment is over: completed) or
 * "abort" (something went wrong). Both revert every fault through the ledger.
 * Stopping a finished run is a no-op that re-checks nothing is left behind.
 */
export async function endRun(user: SessionUser, runId: string, how: "stop" | "abort", reason: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  const cause: EndCause = how === "stop" ? "stopped" : "aborted";
  await engineEndRun(run.id, cause, actorOf(user), reason || undefined);
  await auditBy(user, how === "stop" ? "run.stopped" : "run.aborted", { type: "run", id: run.id }, { reason });
  return { gameDayId: run.experiment.gameDayId };
}

/**
 * Stop everything: every open run of a GameDay (or of a cluster) is aborted
 * and reverted. Errors come back per run so one failure never blocks the rest.
 */
export async function stopEverything(user: SessionUser, scope: { gameDayId: string } | { clusterId: string }): Promise<{ stopped: number; errors: string[] }> {
  // Another team's GameDay or cluster is not found, not "stopped": nothing of it is touched, audited or confirmed.
  const owned = "gameDayId" in scope ? await db.gameDay.count({ where: { id: scope.gameDayId, teamId: user.teamId } }) : await db.clusterConnection.count({ where: { id: scope.clusterId, teamId: user.teamId } });
  if (!owned) throw notFound("gameDayId" in scope ? "GameDay" : "Cluster");
  const where = "gameDayId" in scope ? { experiment: { gameDayId: scope.gameDayId, gameDay: { teamId: user.teamId } } } : { experiment: { clusterId: scope.clusterId, gameDay: { teamId: user.teamId } } };
  const runs = await db.run.findMany({ where: { ...where, status: { in: [...OPEN_STATUSES] } } });
  const errors: string[] = [];
  let stopped = 0;
  await Promise.all(
    runs.map(async (r) => {
      try {
        await engineEndRun(r.id, "stop-everything", actorOf(user));
        stopped++;
      } catch (error) {
        errors.push(error instanceof AppError ? error.message : String(error));
      }
    }),
  );
  // Also anything left open in the ledger of finished runs (e.g. reverts still failing).
  const leftovers = await db.ledgerEntry.findMany({ where: { state: { in: [...OPEN_STATES] }, run: where }, select: { runId: true }, distinct: ["runId"] });
  for (const l of leftovers) await engineEndRun(l.runId, "stop-everything", actorOf(user)).catch((error: unknown) => errors.push(error instanceof AppError ? error.message : String(error)));
  await auditBy(user, "run.stop-everything", { type: "gameDayId" in scope ? "gameday" : "cluster", id: "gameDayId" in scope ? scope.gameDayId : scope.clusterId }, { stopped, errors: errors.length });
  return { stopped, errors };
}

/** Adds an observation to the run's timeline. */
/**
 * The room saw a fault fail to take effect and chose to go on: the alert is
 * answered (failures confirmed later raise it again), and the timeline says
 * who chose. Only while the run runs; a second click answers again (one more timeline line).
 */
export async function goOnAfterFaultFailure(user: SessionUser, runId: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  const { count } = await db.run.updateMany({ where: { id: run.id, status: "running" }, data: { faultAlertAckAt: new Date() } });
  if (count === 0) throw new AppError({ code: "INVALID_TRANSITION", message: "The run is not running any more: there is nothing to go on with." });
  await addRunEvent(run.id, "status", `${user.name} chose to go on although a fault did not take effect`, actorOf(user));
  await auditBy(user, "run.fault-failure-acknowledged", { type: "run", id: run.id }, {});
  return { gameDayId: run.experiment.gameDayId };
}

export async function addObservation(user: SessionUser, runId: string, message: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  await addRunEvent(run.id, "observation", message, actorOf(user));
  return { gameDayId: run.experiment.gameDayId };
}
