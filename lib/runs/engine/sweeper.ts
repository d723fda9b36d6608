import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clusterFaults } from "@/lib/faults/registry";
import type { CreatedObjects } from "@/lib/faults/fault-module";
import type { ClusterClient } from "@/lib/k8s/client";
import { clientForCluster } from "@/lib/k8s/connections";
import { TERMINAL_STATUSES } from "../status";
import { addRunEvent, SYSTEM } from "../lifecycle/timeline";

const DAY_MS = 86_400_000;

/** Each kind of object Firedrill creates, once (kinds sharing a resource list it once). */
function createdResources(): CreatedObjects[] {
  const byResource = new Map<string, CreatedObjects>();
  for (const k of clusterFaults()) if (k.created && !byResource.has(k.created.resource)) byResource.set(k.created.resource, k.created);
  return [...byResource.values()];
}

/** Where recently ended runs of this cluster put things: the namespaces of their ledger targets. */
async function recentNamespaces(clusterId: string, since: Date): Promise<string[]> {
  const entries = await db.ledgerEntry.findMany({ where: { clusterId, run: { endedAt: { gte: since } } }, select: { target: true } });
  const namespaces = entries.map((e) => (e.target as { namespace?: unknown }).namespace).filter((n): n is string => typeof n === "string" && n !== "");
  return [...new Set(namespaces)];
}

/**
 * Lists one resource's objects of Firedrill's runs: in every namespace, or,
 * for an identity that may not list cluster-wide (namespace-scoped RBAC), in
 * each namespace recent runs touched.
 */
async function listObjects(created: CreatedObjects, client: ClusterClient, namespaces: () => Promise<string[]>) {
  try {
    return await created.list(client);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "FORBIDDEN")) throw error;
    const out = [];
    for (const ns of await namespaces()) out.push(...(await created.list(client, ns)));
    return out;
  }
}

/**
 * Deletes, in one cluster, every object Firedrill created (labelled
 * `firedrill.dev/run`) whose run has ended: whatever the ledger says, e.g. an
 * apply that landed after its revert. Only runs of this installation are
 * swept (a run id it does not know belongs to someone else). Errors come back
 * as data, per resource.
 */
export async function sweepCluster(clusterId: string, now = new Date()): Promise<{ removed: string[]; errors: string[] }> {
  const { client } = await clientForCluster(clusterId);
  const removed: string[] = [];
  const errors: string[] = [];
  let namespaces: Promise<string[]> | null = null;
  const recent = () => (namespaces ??= recentNamespaces(clusterId, new Date(now.getTime() - DAY_MS)));
  for (const created of createdResources()) {
    try {
      const objects = await listObjects(created, client, recent);
      if (objects.length === 0) continue;
      const runs = await db.run.findMany({ where: { id: { in: [...new Set(objects.map((o) => o.runId))] } }, select: { id: true, status: true } });
      const ended = new Set(runs.filter((r) => (TERMINAL_STATUSES as readonly string[]).includes(r.status)).map((r) => r.id));
      for (const o of objects.filter((x) => ended.has(x.runId))) {
        await created.remove(client, o.namespace, o.name);
        const what = `${created.resource} ${o.namespace}/${o.name}`;
        removed.push(what);
        await addRunEvent(o.runId, "revert", `The sweeper removed ${what}, left in the cluster after this run ended`, SYSTEM);
      }
    } catch (error) {
      errors.push(`${created.resource}: ${error instanceof AppError ? error.message : String(error)}`);
    }
  }
  return { removed, errors };
}

/** The clusters worth sweeping now: those a run that ended in the last day touched (or was meant for). */
export async function clustersToSweep(now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - DAY_MS);
  const [entries, runs] = await Promise.all([
    db.ledgerEntry.findMany({ where: { run: { endedAt: { gte: since } } }, select: { clusterId: true }, distinct: ["clusterId"] }),
    db.run.findMany({ where: { endedAt: { gte: since } }, select: { experiment: { select: { clusterId: true } } } }),
  ]);
  return [...new Set([...entries.map((e) => e.clusterId), ...runs.map((r) => r.experiment.clusterId).filter((c): c is string => c !== null)])];
}
