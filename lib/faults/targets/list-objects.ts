import "server-only";
import type { V1Node } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import type { Targets } from "@/lib/experiments/schemas";

/** Lists every page of a Kubernetes list call (big clusters answer in pages). */
export async function listAll<T>(fetchPage: (cont: string | undefined) => Promise<{ items: T[]; metadata?: { _continue?: string } }>): Promise<T[]> {
  const out: T[] = [];
  let cont: string | undefined;
  do {
    const page = await fetchPage(cont);
    out.push(...page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
  return out;
}

/** Nodes whose labels match a selector. */
export async function nodesMatching(client: ClusterClient, selector: string): Promise<V1Node[]> {
  return listAll((cont) => client.core.listNode({ labelSelector: selector || undefined, limit: 500, _continue: cont }));
}

/** `Kind/name` of the direct owners of a workload's pods: its ReplicaSets (Deployment) or itself (StatefulSet). */
export async function podsOwnedBy(client: ClusterClient, namespace: string, owner: NonNullable<Targets["owner"]>): Promise<Set<string>> {
  if (owner.kind === "StatefulSet") return new Set([`StatefulSet/${owner.name}`]);
  const sets = await listAll((cont) => client.apps.listNamespacedReplicaSet({ namespace, limit: 500, _continue: cont }));
  return new Set(sets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === "Deployment" && o.name === owner.name)).map((rs) => `ReplicaSet/${rs.metadata!.name}`));
}
