import "server-only";
import { AppError } from "@/lib/errors";
import { findClusterFault } from "@/lib/faults/registry";
import { describeObject, describeObjectKey, objectKey, type BoundFault, type ClusterFault, type ExcludedTarget, type FaultTarget, type StepBase } from "@/lib/faults/fault-module";
import { matchCandidates } from "@/lib/faults/targets/match-targets";
import { sampleTargets, type Random } from "@/lib/faults/targets/sampling";
import type { ClusterClient } from "@/lib/k8s/client";
import { blastRadiusViolations, namespaceViolation, type Guardrails } from "@/lib/k8s/guardrails";
import type { FrozenExperiment } from "../lifecycle/frozen-experiment";
import { heldByText, locksHeldByOthers, type LockHolder } from "../lifecycle/target-locks";

/** What planning needs of an experiment (a frozen copy, or a draft being previewed). */
export type PlannedExperiment = Pick<FrozenExperiment, "faults" | "targets" | "durationSec" | "clusterId">;

export interface PlannedStep {
  stepIndex: number;
  kind: string;
  label: string;
  /** Everything the selection matched, excluded objects included. */
  matched: FaultTarget[];
  /** Left out before sampling (protected, held by another run), and pods a chosen target keeps (a drain's protected pods). */
  excluded: ExcludedTarget[];
  /** What this step would touch: the sample of the eligible targets, each saying what it really touches. */
  chosen: FaultTarget[];
  /** What the cap counts: a selector's pods, one per other target. */
  radius: number;
  problems: string[];
}

/** The objects a target holds while its run is open: a selector's pods, or the object itself. */
export function lockKeysOf(t: FaultTarget): string[] {
  return t.selector !== undefined ? (t.pods ?? []).map(objectKey) : [objectKey(t)];
}

/** What the blast-radius cap counts for one target. */
const radiusOf = (t: FaultTarget) => (t.selector !== undefined ? (t.pods?.length ?? 0) : 1);

/** The step context a kind's verbs are bound to. */
export function stepBase(client: ClusterClient, guardrails: Guardrails, experiment: PlannedExperiment, runId: string, stepIndex: number, round: number): StepBase {
  return { client, guardrails, targets: experiment.targets, runId, stepIndex, round, durationSec: experiment.durationSec };
}

/** The kind of a step, or NOT_IMPLEMENTED for a kind with no cluster verbs (a people kind in a cluster experiment). */
export function clusterFaultOf(kind: string): ClusterFault {
  const k = findClusterFault(kind);
  if (!k) throw new AppError({ code: "NOT_IMPLEMENTED", message: `${kind} is not a cluster fault.` });
  return k;
}

/**
 * Everything preflight (and each repeat round) needs, without changing
 * anything: for each fault step the matched targets, those left out BEFORE
 * sampling (protected by the guardrails, held by another run), the random
 * sample that would be hit, the cap counted over every pod really touched,
 * and the cluster's answer to a server-side dry run of each change. A step is
 * refused only when too few eligible targets remain.
 */
export async function planSteps(opts: { client: ClusterClient; guardrails: Guardrails; experiment: PlannedExperiment; runId: string; round?: number; random?: Random; dryRun?: boolean }): Promise<PlannedStep[]> {
  const { client, guardrails, experiment } = opts;
  const held = experiment.clusterId ? await locksHeldByOthers(experiment.clusterId, opts.runId) : new Map<string, LockHolder>();
  const steps: PlannedStep[] = [];
  for (const [i, step] of experiment.faults.entries()) {
    const kind = clusterFaultOf(step.kind);
    const bound = kind.bind(step.params, stepBase(client, guardrails, experiment, opts.runId, i, opts.round ?? 0));
    const planned = await planStep(client, kind, bound, experiment, guardrails, held, opts.random);
    if (opts.dryRun !== false && planned.problems.length === 0) {
      for (const t of planned.chosen) {
        try {
          await bound.dryRun(t);
        } catch (error) {
          planned.problems.push(`${kind.label} on ${t.namespace ? `${t.namespace}/` : ""}${t.name}: ${error instanceof AppError ? error.message : String(error)}`);
        }
      }
    }
    steps.push({ stepIndex: i, ...planned });
  }
  return steps;
}

async function planStep(client: ClusterClient, kind: ClusterFault, bound: BoundFault, experiment: PlannedExperiment, guardrails: Guardrails, held: Map<string, LockHolder>, random?: Random): Promise<Omit<PlannedStep, "stepIndex">> {
  const { label } = kind;
  const t = experiment.targets;
  const refused = (problem: string, rest: Partial<PlannedStep> = {}) => ({ kind: kind.kind, label, matched: [], excluded: [], chosen: [], radius: 0, problems: [`${label}: ${problem}`], ...rest });
  if (kind.targetKind !== "Node" && t.namespace) {
    const v = namespaceViolation(guardrails, t.namespace);
    if (v) return refused(v);
  }
  const { eligible: found, excluded } = await matchCandidates(client, kind.targetKind, t, guardrails);
  const matched = [...found, ...excluded.map((e) => ({ kind: e.kind, namespace: e.namespace, name: e.name }))];
  const problems: string[] = [];

  // Objects another run holds: left out like protected ones, unless leaving them
  // out would change what the room approved (every target, or a selector the backend evaluates).
  const eligible: FaultTarget[] = [];
  for (const target of found) {
    const holders = lockKeysOf(target).map((k) => [k, held.get(k)] as const).filter((h): h is readonly [string, LockHolder] => h[1] !== undefined);
    if (holders.length === 0) {
      eligible.push(target);
      continue;
    }
    const [key, holder] = holders[0];
    const what = target.selector !== undefined ? describeObjectKey(key) : describeObject(target);
    if (target.selector !== undefined || t.sample.mode === "all") problems.push(`${label}: ${what} ${heldByText(holder)}.`);
    else excluded.push({ kind: target.kind, namespace: target.namespace, name: target.name, reason: heldByText(holder) });
  }

  if (matched.length === 0) return refused("the selector matches nothing. Check the namespace and selectors.");
  const eligibleRadius = eligible.reduce((n, x) => n + radiusOf(x), 0);
  if (eligibleRadius === 0 && problems.length === 0) {
    const why = excluded.slice(0, 3).map((e) => `${describeObject(e)} ${e.reason}`).join("; ");
    return refused(`all ${matched.length} matched target(s) are excluded (${why}${excluded.length > 3 ? "; …" : ""}).`, { matched, excluded });
  }
  if (t.sample.mode === "count" && eligibleRadius < t.sample.value && problems.length === 0) {
    problems.push(`${label}: the sample asks for ${t.sample.value} but only ${eligibleRadius} eligible target(s) remain (${excluded.length} excluded).`);
  }
  // Selector targets are sampled by their backend (mode/value); the probability applies to the step.
  const sampled = eligible.some((x) => x.selector !== undefined) ? sampleTargets(eligible, { mode: "all", value: 0 }, t.probability, random) : sampleTargets(eligible, t.sample, t.probability, random);
  const chosen: FaultTarget[] = [];
  for (const target of sampled) {
    const expanded = await bound.expand(target);
    chosen.push(expanded.target);
    excluded.push(...expanded.excluded);
  }
  const radius = chosen.reduce((n, x) => n + radiusOf(x), 0);
  problems.push(...blastRadiusViolations(guardrails, radius, experiment.durationSec).map((v) => `${label}: ${v}`));
  return { kind: kind.kind, label, matched, excluded, chosen, radius, problems };
}
