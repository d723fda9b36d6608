import "server-only";
import { AppError } from "@/lib/errors";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { findFaultKind } from "@/lib/faults/catalog";
import type { DriverContext, FaultTarget } from "@/lib/faults/driver";
import { driverFor } from "@/lib/faults/registry";
import { matchTargets, namespaceLabels } from "@/lib/faults/resolve-targets";
import { sampleTargets, type Random } from "@/lib/faults/sampling";
import type { ClusterClient } from "@/lib/k8s/client";
import { guardrailViolations, namespaceViolation, type Guardrails } from "@/lib/k8s/guardrails";

export interface PlannedStep {
  stepIndex: number;
  kind: string;
  label: string;
  matched: FaultTarget[];
  chosen: FaultTarget[];
  problems: string[];
}

/** The context a driver gets for one step of one run. */
export function stepContext(client: ClusterClient, experiment: ExperimentView, runId: string, stepIndex: number): DriverContext<Record<string, unknown>> {
  return { client, params: experiment.faults[stepIndex].params, targets: experiment.targets, runId, stepIndex, durationSec: experiment.durationSec };
}

/**
 * Everything preflight needs, without changing anything: for each fault step
 * the matched targets, the random sample that would be hit, guardrail
 * violations, and the cluster's answer to a server-side dry run of each change.
 */
export async function planSteps(opts: { client: ClusterClient; guardrails: Guardrails; experiment: ExperimentView; runId: string; random?: Random; dryRun?: boolean }): Promise<PlannedStep[]> {
  const { client, guardrails, experiment } = opts;
  const steps: PlannedStep[] = [];
  for (const [i, step] of experiment.faults.entries()) {
    const driver = driverFor(step.kind);
    const label = findFaultKind(step.kind)?.label ?? step.kind;
    if (!driver) throw new AppError({ code: "NOT_IMPLEMENTED", message: `${label} has no cluster driver yet.` });
    const problems: string[] = [];
    if (driver.targetKind !== "Node" && experiment.targets.namespace) {
      const v = namespaceViolation(guardrails, experiment.targets.namespace);
      if (v) {
        steps.push({ stepIndex: i, kind: step.kind, label, matched: [], chosen: [], problems: [v] });
        continue;
      }
    }
    const matched = await matchTargets(client, driver.targetKind, experiment.targets);
    const chosen = sampleTargets(matched, experiment.targets.sample, experiment.targets.probability, opts.random);
    if (matched.length === 0) problems.push(`${label}: the selector matches nothing. Check the namespace and selectors.`);
    const nsLabels = await namespaceLabels(client, chosen.map((t) => t.namespace).filter((n): n is string => Boolean(n)));
    problems.push(
      ...guardrailViolations(guardrails, chosen.map((t) => ({ ...t, namespaceLabels: t.namespace ? nsLabels.get(t.namespace) : undefined })), experiment.durationSec).map((v) => `${label}: ${v}`),
    );
    if (opts.dryRun !== false && problems.length === 0) {
      const ctx = stepContext(client, experiment, opts.runId, i);
      for (const t of chosen) {
        try {
          await driver.dryRun(ctx, t);
        } catch (error) {
          problems.push(`${label} on ${t.namespace ? t.namespace + "/" : ""}${t.name}: ${error instanceof AppError ? error.message : String(error)}`);
        }
      }
    }
    steps.push({ stepIndex: i, kind: step.kind, label, matched, chosen, problems });
  }
  return steps;
}
