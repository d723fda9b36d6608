import "server-only";
import { AppError } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { findFaultKind } from "@/lib/faults/registry";
import { describeObject } from "@/lib/faults/fault-module";
import { clientForCluster } from "@/lib/k8s/connections";
import type { ClusterClient } from "@/lib/k8s/client";
import type { Guardrails } from "@/lib/k8s/guardrails";
import { isPeopleExperiment } from "@/lib/experiments/schemas";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { createRun } from "../lifecycle/create-run";
import { freeze, type FrozenExperiment } from "../lifecycle/frozen-experiment";
import { addRunEvent, type Actor } from "../lifecycle/timeline";
import { transition } from "../lifecycle/transition";
import { lockKeysOf, planSteps, type PlannedStep } from "./plan-steps";
import { applyStep } from "./apply-step";
import { endRun } from "./end-run";
import { leaseUntil, PROCESS_ID } from "./process-id";
import { checkSteadyState } from "./metrics-hooks";
import { storeHttpSamples } from "@/lib/metrics/http-probes/read-http-samples";

/**
 * Preflight for a cluster experiment: connection, guardrails, locks held by
 * other runs, targets and server-side dry runs. Nothing is touched; any
 * problem refuses the start with a message that says what to change.
 */
export async function preflightClusterRun(experiment: FrozenExperiment): Promise<{ client: ClusterClient; guardrails: Guardrails; clusterName: string; steps: PlannedStep[] }> {
  if (!experiment.clusterId) throw new AppError({ code: "BAD_INPUT", message: "Pick the cluster this experiment injects into (edit the experiment)." });
  const { client, guardrails, name } = await clientForCluster(experiment.clusterId);
  const steps = await planSteps({ client, guardrails, experiment, runId: "preflight" });
  const problems = steps.flatMap((s) => s.problems);
  if (problems.length > 0) {
    throw new AppError({ code: "BAD_INPUT", message: `Nothing was touched. Preflight found: ${problems.slice(0, 8).join(" ")}${problems.length > 8 ? ` (and ${problems.length - 8} more)` : ""}` });
  }
  // Sampling happened in planning; an empty sample (probability) is a valid outcome but worth refusing up front.
  if (steps.every((s) => s.chosen.length === 0)) throw new AppError({ code: "BAD_INPUT", message: "Nothing was touched: the sampling chose no targets this time. Raise the probability or sample size." });
  return { client, guardrails, clusterName: name, steps };
}

/**
 * Starts a run of `experiment` as it is now: that copy is frozen into the run
 * and is what preflight checks, every round injects and abort checks read.
 * The run and its target locks are created in one transaction (a second Start
 * or a held target is refused by the database), then round 0 is applied.
 * A steady state that does not hold refuses the start unless
 * `overrideSteadyState` (a facilitator's decision, audited).
 */
export async function startRunNow(user: SessionUser, view: ExperimentView, opts: { overrideSteadyState?: boolean } = {}): Promise<{ runId: string }> {
  const experiment = freeze(view);
  return isPeopleExperiment(experiment.faults) ? startPeopleRun(user, experiment) : startClusterRun(user, experiment, opts);
}

async function startClusterRun(user: SessionUser, experiment: FrozenExperiment, opts: { overrideSteadyState?: boolean }): Promise<{ runId: string }> {
  const actor: Actor = { id: user.id, name: user.name };
  const { client, guardrails, clusterName, steps } = await preflightClusterRun(experiment);
  const steady = await checkSteadyState(experiment);
  if (!steady.holds && !opts.overrideSteadyState) {
    // The field error is how the start form knows to offer the override.
    throw new AppError({ code: "CONFLICT", message: `Nothing was touched: the steady state does not hold. ${steady.lines.join(" ")}`, fieldErrors: { overrideSteadyState: steady.lines.join(" ") || "The steady state does not hold." } });
  }
  const lockKeys = steps.flatMap((s) => s.chosen.flatMap(lockKeysOf));
  const runId = await createRun({ experiment, mode: "cluster", startedById: user.id, lockKeys, lease: { owner: PROCESS_ID, until: leaseUntil() } });
  try {
    await injectRoundZero(user, actor, experiment, runId, { client, guardrails, clusterName, steps }, steady);
  } catch (error) {
    // Whatever failed after the run exists (the database, a bug): the run ends, reverting what it applied.
    await endRun(runId, "injection-failed", actor, `Start failed, everything applied so far is being reverted: ${error instanceof AppError ? error.message : String(error)}`);
    throw error;
  }
  return { runId };
}

async function injectRoundZero(
  user: SessionUser,
  actor: Actor,
  experiment: FrozenExperiment,
  runId: string,
  { client, guardrails, clusterName, steps }: Awaited<ReturnType<typeof preflightClusterRun>>,
  steady: Awaited<ReturnType<typeof checkSteadyState>>,
): Promise<void> {
  await addRunEvent(runId, "status", "Run created", actor);
  await addRunEvent(runId, "preflight", `Connected to ${clusterName}; guardrails and server-side dry runs passed`, actor);
  for (const s of steps) {
    const left = s.excluded.length ? `; ${s.excluded.length} left out (${s.excluded.slice(0, 3).map((e) => `${describeObject(e)} ${e.reason}`).join("; ")}${s.excluded.length > 3 ? "; …" : ""})` : "";
    await addRunEvent(runId, "preflight", `${s.label}: ${s.chosen.length} of ${s.matched.length} matched target(s) chosen, ${s.radius} counted by the cap${left}`, actor);
  }
  for (const line of steady.lines) await addRunEvent(runId, "preflight", line, actor);
  // Preflight's HTTP requests are the probes' baseline on the run's charts.
  await storeHttpSamples(runId, steady.samples);
  if (!steady.holds) {
    await addRunEvent(runId, "preflight", `The steady state does not hold; ${user.name} overrode it and started anyway`, actor);
    await auditBy(user, "run.steady-state-overridden", { type: "run", id: runId }, { experimentId: experiment.id, lines: steady.lines });
  }
  const startedAt = new Date();
  await transition(runId, "preflight", "running", actor, { startedAt, endsAt: new Date(startedAt.getTime() + experiment.durationSec * 1000), startedById: user.id });
  await auditBy(user, "run.started", { type: "run", id: runId }, { experimentId: experiment.id, cluster: clusterName });
  for (const step of steps) {
    const { error, stopped } = await applyStep({ client, guardrails, experiment, runId, step, round: 0, actor });
    if (stopped) return; // stopped while injecting: the Stop reverts what was applied
    if (error) {
      await endRun(runId, "injection-failed", actor, `Injection failed, everything applied so far is being reverted: ${error}`);
      return;
    }
  }
  for (const step of steps) for (const t of step.chosen) await auditBy(user, "fault.applied", { type: "run", id: runId }, { kind: step.kind, target: describeObject(t) });
}

/** A people experiment: a timed manual run with its rules on the timeline. */
async function startPeopleRun(user: SessionUser, experiment: FrozenExperiment): Promise<{ runId: string }> {
  const actor: Actor = { id: user.id, name: user.name };
  const runId = await createRun({ experiment, mode: "people", startedById: user.id, lockKeys: [], lease: { owner: PROCESS_ID, until: leaseUntil() } });
  await addRunEvent(runId, "status", "Run created", actor);
  for (const f of experiment.faults) {
    for (const rule of findFaultKind(f.kind)?.rules ?? []) await addRunEvent(runId, "preflight", `Rule: ${rule}`, actor);
  }
  const startedAt = new Date();
  await transition(runId, "preflight", "running", actor, { startedAt, endsAt: new Date(startedAt.getTime() + experiment.durationSec * 1000), startedById: user.id });
  for (const f of experiment.faults) {
    await addRunEvent(runId, "inject", `${findFaultKind(f.kind)?.label ?? f.kind} started${describeParams(f.params)}`, actor, { kind: f.kind });
  }
  await auditBy(user, "run.started", { type: "run", id: runId }, { experimentId: experiment.id, title: experiment.title });
  return { runId };
}

function describeParams(params: Record<string, unknown>): string {
  const visible = Object.entries(params).filter(([k, v]) => v !== "" && v !== undefined && k !== "plan");
  return visible.length ? ` (${visible.map(([k, v]) => `${k}: ${String(v)}`).join(", ")})` : "";
}
