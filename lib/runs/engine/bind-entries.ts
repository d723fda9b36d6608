import "server-only";
import type { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clientForCluster } from "@/lib/k8s/connections";
import type { ClusterClient } from "@/lib/k8s/client";
import type { Guardrails } from "@/lib/k8s/guardrails";
import type { BoundFault } from "@/lib/faults/fault-module";
import type { FrozenExperiment } from "../lifecycle/frozen-experiment";
import { clusterFaultOf, stepBase } from "./plan-steps";

/** One ledger row as Prisma returns it. */
export type LedgerRow = Awaited<ReturnType<typeof db.ledgerEntry.findMany>>[number];

/**
 * Binds ledger entries to their kind's verbs for one pass over a run: one
 * client per cluster and one binding per (cluster, step, round), so a pass
 * over a thousand entries connects once. A cluster that cannot be reached
 * makes every binding of it throw that error (the caller records it per entry).
 */
export function entryBinder(runId: string, experiment: FrozenExperiment): (e: LedgerRow) => Promise<BoundFault> {
  const clusters = new Map<string, Promise<{ client: ClusterClient; guardrails: Guardrails } | AppError>>();
  const bound = new Map<string, BoundFault>();
  return async (e) => {
    if (!clusters.has(e.clusterId)) clusters.set(e.clusterId, clientForCluster(e.clusterId).catch((err: unknown) => (err instanceof AppError ? err : new AppError({ code: "DEPENDENCY_FAILED", message: String(err) }))));
    const cluster = await clusters.get(e.clusterId)!;
    if (cluster instanceof AppError) throw cluster;
    const key = `${e.clusterId}:${e.kind}:${e.stepIndex}:${e.lastRound}`;
    if (!bound.has(key)) bound.set(key, clusterFaultOf(e.kind).bind(experiment.faults[e.stepIndex]?.params ?? {}, stepBase(cluster.client, cluster.guardrails, experiment, runId, e.stepIndex, e.lastRound)));
    return bound.get(key)!;
  };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
