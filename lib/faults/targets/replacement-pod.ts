import "server-only";
import type { V1Pod } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { k8s } from "../cluster-call";

/** True when the pod's Ready condition is True. */
export function podReady(p: V1Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

/**
 * The pods of `owner` ("ReplicaSet/checkout-5d9…") in `namespace`: a
 * controller's pods carry its ownerReference. `labels`: one of its pods'
 * labels, to list only pods like it (its siblings share them) instead of the
 * whole namespace.
 */
export async function podsOwnedBy(client: ClusterClient, namespace: string, owner: string, labels?: Record<string, string>): Promise<V1Pod[]> {
  const [kind, name] = owner.split("/");
  const labelSelector = labels && Object.keys(labels).length ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",") : undefined;
  const pods = await k8s(`listing the pods of ${owner}`, () => client.core.listNamespacedPod({ namespace, labelSelector }));
  return pods.items.filter((p) => p.metadata?.ownerReferences?.some((o) => o.kind === kind && o.name === name));
}

/**
 * The pod `owner` created in place of a killed one: the newest of its pods
 * that is not terminating and was not there before (`known`: the UIDs of the
 * killed pod and its siblings at plan time, so no clock is compared). Null
 * while there is none.
 */
export async function replacementOf(client: ClusterClient, namespace: string, owner: string, known: (string | null)[], labels?: Record<string, string>): Promise<{ name: string; ready: boolean } | null> {
  const mine = (await podsOwnedBy(client, namespace, owner, labels))
    .filter((p) => !known.includes(p.metadata?.uid ?? null) && !p.metadata?.deletionTimestamp)
    .sort((a, b) => (b.metadata?.creationTimestamp?.getTime?.() ?? 0) - (a.metadata?.creationTimestamp?.getTime?.() ?? 0));
  return mine[0] ? { name: mine[0].metadata!.name!, ready: podReady(mine[0]) } : null;
}
