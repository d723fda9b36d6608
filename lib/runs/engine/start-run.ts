import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { driverFor } from "@/lib/faults/registry";
import { clientForCluster } from "@/lib/k8s/connections";
import type { ClusterClient } from "@/lib/k8s/client";
import type { FaultTarget } from "@/lib/faults/driver";
import { planSteps, stepContext, type PlannedStep } from "./plan-steps";
import { markApplied, markApplyFailed, recordPlanned } from "./ledger";
import { leaseUntil, PROCESS_ID } from "./process-id";
import { addRunEvent, type Actor } from "./timeline";
import { transition } from "./transition";
import { finishRun } from "./finish-run";
import { checkSteadyState } from "./metrics-hooks";

const describe = (t: FaultTarget) => `${t.namespace ? t.namespace + "/" : ""}${t.name}`;

/**
 * Preflight for a cluster experiment: connection, permissions (through
 * server-side dry runs), guardrails and targets. Nothing is touched; any
 * problem refuses the start with a message that says what to change.
 */
export async function preflightClusterRun(experiment: ExperimentView): Promise<{ client: ClusterClient; clusterName: string; steps: PlannedStep[] }> {
  if (!experiment.clusterId) throw new AppError({ code: "BAD_INPUT", message: "Pick the cluster this experiment injects into (edit the experiment)." });
  const { client, guardrails, name } = await clientForCluster(experiment.clusterId);
  const steps = await planSteps({ client, guardrails, experiment, runId: "preflight" });
  const problems = steps.flatMap((s) => s.problems);
  if (problems.length > 0) {
    throw new AppError({ code: "BAD_INPUT", message: `Nothing was touched. Preflight found: ${problems.slice(0, 8).join(" ")}${problems.length > 8 ? ` (and ${problems.length - 8} more)` : ""}` });
  }
  // Sampling happened in planning; an empty sample (probability) is a valid outcome but worth refusing up front.
  if (steps.every((s) => s.chosen.length === 0)) throw new AppError({ code: "BAD_INPUT", message: "Nothing was touched: the sampling chose no targets this time. Raise the probability or sample size." });
  return { client, clusterName: name, steps };
}

/**
 * Applies one round of a step: for each target, the undo record goes into
 * the ledger BEFORE the change; a failed apply stops the loop.
 */
export async function applyStep(opts: { client: ClusterClient; experiment: ExperimentView; runId: string; step: PlannedStep; round: number; actor: Actor }): Promise<{ applied: number; error?: string }> {
  const { client, experiment, runId, step, round, actor } = opts;
  const driver = driverFor(step.kind)!;
  const ctx = { ...stepContext(client, experiment, runId, step.stepIndex), notes: [] as string[] };
  let applied = 0;
  for (const target of step.chosen) {
    let ledgerId: string | null = null;
    try {
      const undo = await driver.plan(ctx, target);
      ledgerId = await recordPlanned({ runId, clusterId: experiment.clusterId!, stepIndex: step.stepIndex, round, kind: step.kind, target, undo });
      await driver.apply(ctx, target, undo);
      await markApplied(ledgerId);
      applied++;
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      if (ledgerId) await markApplyFailed(ledgerId, message);
      await addRunEvent(runId, "error", `${step.label} on ${describe(target)} failed: ${message}`, actor);
      return { applied, error: message };
    }
  }
  for (const note of ctx.notes) await addRunEvent(runId, "inject", note, actor);
  const names = step.chosen.map(describe);
  await addRunEvent(runId, "inject", `${step.label}${round > 0 ? ` (round ${round + 1})` : ""} applied to ${applied} target(s): ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""}`, actor, { step: step.stepIndex, round, targets: applied });
  return { applied };
}

/**
 * Preflight, then inject every step. Returns once the faults are applied (or
 * the run failed and was reverted). A steady state that does not hold refuses
 * the start unless `overrideSteadyState` (a facilitator's decision, audited).
 */
export async function startClusterRun(user: SessionUser, experiment: ExperimentView, opts: { overrideSteadyState?: boolean } = {}): Promise<{ runId: string }> {
  const actor: Actor = { id: user.id, name: user.name };
  const { client, clusterName, steps } = await preflightClusterRun(experiment);
  const steady = await checkSteadyState(experiment);
  if (!steady.holds && !opts.overrideSteadyState) {
    // The field error is how the start form knows to offer the override.
    throw new AppError({ code: "CONFLICT", message: `Nothing was touched: the steady state does not hold. ${steady.lines.join(" ")}`, fieldErrors: { overrideSteadyState: steady.lines.join(" ") || "The steady state does not hold." } });
  }
  const run = await db.run.create({ data: { experimentId: experiment.id, status: "draft" } });
  await addRunEvent(run.id, "status", "Run created", actor);
  await transition(run.id, "draft", "preflight", actor);
  await addRunEvent(run.id, "preflight", `Connected to ${clusterName}; guardrails and server-side dry runs passed`, actor);
  for (const s of steps) await addRunEvent(run.id, "preflight", `${s.label}: ${s.chosen.length} of ${s.matched.length} matched target(s) chosen`, actor);
  for (const line of steady.lines) await addRunEvent(run.id, "preflight", line, actor);
  if (!steady.holds) {
    await addRunEvent(run.id, "preflight", `The steady state does not hold; ${user.name} overrode it and started anyway`, actor);
    await auditBy(user, "run.steady-state-overridden", { type: "run", id: run.id }, { experimentId: experiment.id, lines: steady.lines });
  }
  const startedAt = new Date();
  await transition(run.id, "preflight", "running", actor, { startedAt, endsAt: new Date(startedAt.getTime() + experiment.durationSec * 1000), startedById: user.id, leaseOwner: PROCESS_ID, leaseExpiresAt: leaseUntil() });
  await auditBy(user, "run.started", { type: "run", id: run.id }, { experimentId: experiment.id, cluster: clusterName });
  for (const step of steps) {
    const { error } = await applyStep({ client, experiment, runId: run.id, step, round: 0, actor });
    if (error) {
      await finishRun(run.id, "failed", actor, `Injection failed, everything applied so far is being reverted: ${error}`);
      return { runId: run.id };
    }
  }
  for (const step of steps) for (const t of step.chosen) await auditBy(user, "fault.applied", { type: "run", id: run.id }, { kind: step.kind, target: describe(t) });
  return { runId: run.id };
}
