import "server-only";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import type { ExperimentInput } from "@/lib/experiments/schemas";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { clientForCluster, getConnectionOrThrow } from "@/lib/k8s/connections";
import { objectKey, type ExcludedTarget, type FaultTarget } from "@/lib/faults/fault-module";
import { planSteps } from "./plan-steps";

export interface StepPreview {
  label: string;
  /** Every object the selection matched, excluded ones included (for a selector: its pods). */
  matchedCount: number;
  /** What the cap counts for the sample drawn now (a selector: all its eligible pods; the sample is drawn again at injection time). */
  wouldHit: number;
  /** True when the backend picks the pods itself at run time (Chaos Mesh, NetworkPolicy, Litmus): `page` lists every pod it may pick. */
  backendSamples: boolean;
  /** One page of the eligible targets (for a selector, its pods), each chosen one checked with a server-side dry run. */
  page: FaultTarget[];
  eligibleCount: number;
  /** Left out before sampling, with the reason (protected, held by another run), and pods a chosen target keeps. */
  excluded: ExcludedTarget[];
  problems: string[];
}

export const PREVIEW_PAGE_SIZE = 50;

/**
 * Exactly what a draft experiment would touch, without touching it: the
 * eligible targets (paged for big clusters; a selector's pods one by one),
 * what the guardrails leave out and why, how many the cap counts, and the
 * cluster's answer to a server-side dry run of each change.
 */
export async function previewExperiment(user: SessionUser, input: ExperimentInput, page = 0): Promise<StepPreview[]> {
  await getGameDayOrThrow(user, input.gameDayId);
  if (!input.clusterId) throw new AppError({ code: "BAD_INPUT", message: "Pick a cluster to preview against.", fieldErrors: { clusterId: "Pick a cluster." } });
  await getConnectionOrThrow(user, input.clusterId);
  const { client, guardrails } = await clientForCluster(input.clusterId);
  const steps = await planSteps({ client, guardrails, experiment: { ...input, clusterId: input.clusterId }, runId: "preview" });
  return steps.map((s) => {
    const selector = s.matched.find((t) => t.selector !== undefined);
    const excludedKeys = new Set(s.excluded.map(objectKey));
    const eligible: FaultTarget[] = selector ? (selector.pods ?? []) : s.matched.filter((t) => !excludedKeys.has(objectKey(t)));
    return {
      label: s.label,
      matchedCount: selector ? (selector.pods?.length ?? 0) + s.excluded.length : s.matched.length,
      wouldHit: s.radius,
      backendSamples: selector !== undefined,
      page: eligible.slice(page * PREVIEW_PAGE_SIZE, (page + 1) * PREVIEW_PAGE_SIZE),
      eligibleCount: eligible.length,
      excluded: s.excluded.slice(0, PREVIEW_PAGE_SIZE),
      problems: s.problems,
    };
  });
}
