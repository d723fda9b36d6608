import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { findFaultKind } from "@/lib/faults/catalog";
import { hasDriver } from "@/lib/faults/registry";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";
import { isPeopleExperiment } from "@/lib/experiments/schemas";
import { canTransition, isTerminal, RUN_STATUS_LABELS, runStatusSchema, type RunEventType, type RunStatus } from "./status";

interface Actor {
  id: string | null;
  name: string;
}
const SYSTEM: Actor = { id: null, name: "Firedrill" };
const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

async function addEvent(runId: string, type: RunEventType, message: string, actor: Actor, data?: Record<string, unknown>) {
  await db.runEvent.create({ data: { runId, type, message, actorId: actor.id, actorName: actor.name, data: data as never } });
}

/**
 * Moves a run between statuses with a conditional update, so two people
 * pressing Stop at once produce one transition, and records it on the timeline.
 */
async function transition(runId: string, from: RunStatus, to: RunStatus, actor: Actor, extra: { startedAt?: Date; endsAt?: Date; endedAt?: Date; startedById?: string } = {}) {
  if (!canTransition(from, to)) {
    throw new AppError({ code: "INVALID_TRANSITION", message: `A ${RUN_STATUS_LABELS[from].toLowerCase()} run cannot become ${RUN_STATUS_LABELS[to].toLowerCase()}.` });
  }
  const { count } = await db.run.updateMany({ where: { id: runId, status: from }, data: { status: to, ...extra } });
  if (count === 0) throw new AppError({ code: "CONFLICT", message: "The run changed meanwhile; reload to see its status." });
  await addEvent(runId, "status", `${RUN_STATUS_LABELS[from]} → ${RUN_STATUS_LABELS[to]}`, actor, { from, to });
}

/**
 * Preflight and start. Everything is checked before anything happens: a
 * fault kind without a driver refuses the start and creates no run.
 */
export async function startRun(user: SessionUser, experimentId: string): Promise<{ runId: string; gameDayId: string }> {
  const experiment = await getExperimentOrThrow(user, experimentId);
  const live = await db.run.findFirst({ where: { experimentId, status: { in: ["preflight", "running", "stopping"] } } });
  if (live) throw new AppError({ code: "CONFLICT", message: "This experiment is already running. Stop that run first." });
  const people = isPeopleExperiment(experiment.faults);
  const missing = experiment.faults.filter((f) => !people && !hasDriver(f.kind)).map((f) => findFaultKind(f.kind)?.label ?? f.kind);
  if (missing.length > 0) {
    throw new AppError({
      code: "NOT_IMPLEMENTED",
      message: `Nothing was started: ${missing.join(", ")} needs a connected cluster and its fault driver, which this installation does not have yet.`,
    });
  }

  const actor = actorOf(user);
  const run = await db.run.create({ data: { experimentId, status: "draft" } });
  await addEvent(run.id, "status", "Run created", actor);
  await transition(run.id, "draft", "preflight", actor);
  for (const f of experiment.faults) {
    const kind = findFaultKind(f.kind);
    for (const rule of kind?.rules ?? []) await addEvent(run.id, "preflight", `Rule: ${rule}`, actor);
  }
  const startedAt = new Date();
  const endsAt = new Date(startedAt.getTime() + experiment.durationSec * 1000);
  await transition(run.id, "preflight", "running", actor, { startedAt, endsAt, startedById: user.id });
  for (const f of experiment.faults) {
    const kind = findFaultKind(f.kind);
    await addEvent(run.id, "inject", `${kind?.label ?? f.kind} started${describeParams(f.params)}`, actor, { kind: f.kind });
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
 * Ends a live run: "stop" (the experiment is over, completed) or "abort"
 * (something went wrong). Both go through stopping, where reverts happen.
 */
export async function endRun(user: SessionUser, runId: string, how: "stop" | "abort", reason: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  const actor = actorOf(user);
  if (isTerminal(run.status)) return { gameDayId: run.experiment.gameDayId }; // Stopping twice is a no-op, never an error.
  if (run.status === "draft" || run.status === "preflight") {
    await transition(run.id, run.status, "aborted", actor, { endedAt: new Date() });
  } else {
    if (run.status === "running") await transition(run.id, "running", "stopping", actor);
    await addEvent(run.id, how, reason || (how === "stop" ? "Stopped" : "Aborted"), actor);
    await transition(run.id, "stopping", how === "stop" ? "completed" : "aborted", actor, { endedAt: new Date() });
  }
  await auditBy(user, how === "stop" ? "run.stopped" : "run.aborted", { type: "run", id: run.id }, { reason });
  return { gameDayId: run.experiment.gameDayId };
}

/** Completes a run whose duration has elapsed (the automatic end). Safe to call repeatedly. */
export async function settleRun(runId: string, now = new Date()): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running" || !run.endsAt || run.endsAt > now) return;
  try {
    await transition(run.id, "running", "stopping", SYSTEM);
    await addEvent(run.id, "stop", "Duration elapsed: the experiment ended by itself", SYSTEM);
    await transition(run.id, "stopping", "completed", SYSTEM, { endedAt: run.endsAt });
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return; // Another request settled it first.
    throw error;
  }
}

/** Adds an observation to the run's timeline. */
export async function addObservation(user: SessionUser, runId: string, message: string): Promise<{ gameDayId: string }> {
  const run = await getRunRow(user, runId);
  await addEvent(run.id, "observation", message, actorOf(user));
  return { gameDayId: run.experiment.gameDayId };
}
