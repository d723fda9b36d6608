import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { trackCalls, type CallOutcome } from "@/lib/faults/cluster-call";
import { describeObject, objectKey, type BoundFault, type FaultTarget } from "@/lib/faults/fault-module";
import type { ClusterClient } from "@/lib/k8s/client";
import type { Guardrails } from "@/lib/k8s/guardrails";
import type { FrozenExperiment } from "../lifecycle/frozen-experiment";
import { addRunEvent, type Actor } from "../lifecycle/timeline";
import { markApplied, markApplyFailed, markSettled, recordPendingIfRunning, reopenIfRunning } from "./ledger";
import { clusterFaultOf, stepBase, type PlannedStep } from "./plan-steps";

const where = (t: FaultTarget) => `${t.namespace ? `${t.namespace}/` : ""}${t.name}`;

/** Waits one macrotask: every call that has already answered has recorded its outcome by then. */
const settledNow = async (calls: Promise<CallOutcome>[]): Promise<CallOutcome[] | null> =>
  Promise.race([Promise.all(calls), new Promise<null>((r) => setTimeout(() => r(null), 0))]);

type Applied = "applied" | "stopped";

/**
 * Applies a step's fault to one target. The object it acts on gets ONE ledger
 * entry per run, written before its first change with what revert needs; a
 * later round re-applies with that first record (`again`), never taking a new
 * snapshot of an already faulted object. The entry is written only while the
 * run is running ("stopped" otherwise). An apply whose answer never came
 * stays unsettled until its call really ends, so no revert is trusted before
 * a late change could still land. (Trust III: a per-target confirm goes here,
 * after the apply.)
 */
export async function applyTarget(opts: { bound: BoundFault; runId: string; clusterId: string; kind: string; stepIndex: number; round: number; target: FaultTarget }): Promise<Applied> {
  const { bound, runId, target } = opts;
  const key = `${opts.kind}:${objectKey(bound.objectOf(target))}`;
  const earlier = await db.ledgerEntry.findUnique({ where: { runId_objectKey: { runId, objectKey: key } } });
  let id: string | null;
  let undo: unknown;
  if (earlier) {
    // Reopened like a new apply: a Stop racing this round reverts the entry but cannot close it before this apply has ended.
    id = (await reopenIfRunning(earlier.id, runId, opts.round)) ? earlier.id : null;
    undo = earlier.undo;
  } else {
    undo = await bound.plan(target);
    id = await recordPendingIfRunning({ runId, clusterId: opts.clusterId, stepIndex: opts.stepIndex, round: opts.round, kind: opts.kind, objectKey: key, target, undo });
  }
  if (!id) return "stopped";
  const { result, tracker } = trackCalls(() => bound.apply(target, undo, earlier !== null));
  try {
    await result;
    await markApplied(id);
    return "applied";
  } catch (error) {
    const message = error instanceof AppError ? error.message : String(error);
    const outcomes = await settledNow(tracker.calls);
    await markApplyFailed(id, message, outcomes !== null && outcomes.every((o) => o === "answered"));
    // A call still in flight (it timed out on our side, not on the API server's): once it
    // answers, a revert can be trusted. With no answer at all, the settle window decides.
    if (outcomes === null) {
      void Promise.all(tracker.calls).then((late) => (late.every((o) => o === "answered") ? markSettled(id) : undefined)).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Applies one round of a step to its chosen targets, in order; the first
 * failure stops the step (what was applied stays in the ledger for revert).
 */
export async function applyStep(opts: { client: ClusterClient; guardrails: Guardrails; experiment: FrozenExperiment; runId: string; step: PlannedStep; round: number; actor: Actor }): Promise<{ applied: number; stopped?: boolean; error?: string }> {
  const { experiment, runId, step, round, actor } = opts;
  const kind = clusterFaultOf(step.kind);
  const bound = kind.bind(experiment.faults[step.stepIndex].params, stepBase(opts.client, opts.guardrails, experiment, runId, step.stepIndex, round));
  let applied = 0;
  for (const target of step.chosen) {
    try {
      const r = await applyTarget({ bound, runId, clusterId: experiment.clusterId!, kind: step.kind, stepIndex: step.stepIndex, round, target });
      if (r === "stopped") return { applied, stopped: true };
      applied++;
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      await addRunEvent(runId, "error", `${step.label} on ${where(target)} failed: ${message}`, actor);
      return { applied, error: message };
    }
  }
  for (const note of bound.notes) await addRunEvent(runId, "inject", note, actor);
  const names = step.chosen.map((t) => (t.selector !== undefined ? `${describeObject(t)} (${t.pods?.length ?? 0} pods)` : where(t)));
  await addRunEvent(runId, "inject", `${step.label}${round > 0 ? ` (round ${round + 1})` : ""} applied to ${applied} target(s): ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""}`, actor, { step: step.stepIndex, round, targets: applied });
  return { applied };
}
