// Shared set-up for the custom-resource drivers' *.cluster.test.ts: a signed-in
// member, a connection with the limited "firedrill" identity, a game day,
// experiments saved through the real schemas, and driver contexts.
import fs from "node:fs";
import { testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";
import type { BoundFault, StepBase } from "@/lib/faults/fault-module";
import type { ClusterClient } from "@/lib/k8s/client";

/**
 * True under vitest.cluster.config.mts. The unit config's glob also matches
 * *.cluster.test.ts; there these suites skip instead of touching a cluster
 * with the unit database.
 */
export const IN_CLUSTER_RUN = (process.env.DATABASE_URL ?? "").includes("cluster-test");

export interface RunFixture {
  user: SessionUser;
  clusterId: string;
  gameDayId: string;
  /** The "firedrill" identity's client, as the engine uses it. */
  client: ClusterClient;
}

/** A member, a GameDay and a connection as the "firedrill" identity (or through `opts.kubeconfig`, e.g. a proxy or the admin). */
export async function runFixture(name: string, opts: { kubeconfig?: string } = {}): Promise<RunFixture> {
  const user = await testUser();
  const { createConnection, clientForCluster } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const kubeconfig = opts.kubeconfig ?? fs.readFileSync(testbed().firedrillKubeconfig, "utf8");
  const clusterId = (await createConnection(user, { name, source: "kubeconfig", kubeconfig, context: "" })).id;
  const gameDayId = (await createGameDay(user, { title: name, goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
  return { user, clusterId, gameDayId, client: (await clientForCluster(clusterId)).client };
}

/** Saves an experiment through the real schemas (catalog params with defaults) and loads it back. */
export async function saveExperiment(f: RunFixture, title: string, faults: { kind: string; params?: Record<string, unknown> }[], targets: Record<string, unknown>, durationSec = 120) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment: save, getExperimentOrThrow } = await import("@/lib/experiments/experiments");
  const input = experimentSchema.parse({ gameDayId: f.gameDayId, title, hypothesis: "h", faults: faults.map((x) => ({ kind: x.kind, params: x.params ?? {} })), targets, durationSec, clusterId: f.clusterId });
  const { id } = await save(f.user, input);
  return getExperimentOrThrow(f.user, id);
}

/** What preview shows for an experiment (the engine's own planning, runId "preview"). */
export async function previewOf(f: RunFixture, experiment: Awaited<ReturnType<typeof saveExperiment>>) {
  const { planSteps } = await import("@/lib/runs/engine/plan-steps");
  const { clientForCluster } = await import("@/lib/k8s/connections");
  const { client, guardrails } = await clientForCluster(f.clusterId);
  return planSteps({ client, guardrails, experiment, runId: "preview" });
}

export async function ledgerOf(runId: string) {
  const { db } = await import("@/lib/db/client");
  return db.ledgerEntry.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
}

/** The step context a kind's verbs are bound to, for calling a kind directly. */
export async function stepBaseFor(client: ClusterClient, targets: Record<string, unknown>, opts: { runId?: string; stepIndex?: number; round?: number; durationSec?: number } = {}): Promise<StepBase> {
  const { targetsSchema } = await import("@/lib/experiments/schemas");
  const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
  return { client, guardrails: guardrailsSchema.parse({}), targets: targetsSchema.parse(targets), runId: opts.runId ?? "conformance", stepIndex: opts.stepIndex ?? 0, round: opts.round ?? 0, durationSec: opts.durationSec ?? 60 };
}

/** A kind's verbs bound to one step, as the engine binds them (params through the kind's own schema). */
export async function bindFault(client: ClusterClient, kind: string, params: Record<string, unknown>, targets: Record<string, unknown>, opts: { runId?: string; stepIndex?: number; round?: number; durationSec?: number } = {}): Promise<BoundFault> {
  const { findClusterFault } = await import("@/lib/faults/registry");
  return findClusterFault(kind)!.bind(params, await stepBaseFor(client, targets, opts));
}
