import "server-only";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import type { ExperimentInput } from "@/lib/experiments/schemas";
import type { ExperimentView } from "@/lib/experiments/experiments";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { clientForCluster, getConnectionOrThrow } from "@/lib/k8s/connections";
import type { FaultTarget } from "@/lib/faults/driver";
import { planSteps } from "./plan-steps";

export interface StepPreview {
  label: string;
  matchedCount: number;
  /** How many a run would hit (the sample is drawn again at injection time). */
  wouldHit: number;
  /** One page of the matched targets, each checked with a server-side dry run when it is in the sample. */
  page: FaultTarget[];
  problems: string[];
}

export const PREVIEW_PAGE_SIZE = 50;

/**
 * Exactly what a draft experiment would touch, without touching it: matched
 * targets (paged for big clusters), how many the sample takes, guardrail
 * violations, and the cluster's answer to a server-side dry run of each change.
 */
export async function previewExperiment(user: SessionUser, input: ExperimentInput, page = 0): Promise<StepPreview[]> {
  await getGameDayOrThrow(user, input.gameDayId);
  if (!input.clusterId) throw new AppError({ code: "BAD_INPUT", message: "Pick a cluster to preview against.", fieldErrors: { clusterId: "Pick a cluster." } });
  await getConnectionOrThrow(user, input.clusterId);
  const { client, guardrails } = await clientForCluster(input.clusterId);
  const experiment: ExperimentView = { ...input, id: input.experimentId ?? "draft", clusterId: input.clusterId, runs: [] };
  const steps = await planSteps({ client, guardrails, experiment, runId: "preview" });
  return steps.map((s) => ({
    label: s.label,
    matchedCount: s.matched.length,
    wouldHit: s.chosen.length,
    page: s.matched.slice(page * PREVIEW_PAGE_SIZE, (page + 1) * PREVIEW_PAGE_SIZE),
    problems: s.problems,
  }));
}
