import "server-only";
import type { V1Node, V1Pod } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { withTimeout } from "@/lib/k8s/client";
import { clusterError } from "@/lib/k8s/cluster-errors";
import { AppError } from "@/lib/errors";
import type { Targets } from "@/lib/experiments/schemas";
import type { FaultTarget, TargetKind } from "./driver";

const PAGE = 500;
const TIMEOUT = 20_000;

/** Lists every page of a Kubernetes list call (big clusters answer in pages). */
async function listAll<T>(fetchPage: (cont: string | undefined) => Promise<{ items: T[]; metadata?: { _continue?: string } }>): Promise<T[]> {
  const out: T[] = [];
  let cont: string | undefined;
  do {
    const page = await fetchPage(cont);
    out.push(...page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
  return out;
}

function requireNamespace(t: Targets): string {
  if (!t.namespace) throw new AppError({ code: "BAD_INPUT", message: "Pick the namespace the targets are in.", fieldErrors: { "targets.namespace": "Pick a namespace." } });
  return t.namespace;
}

async function nodesMatching(client: ClusterClient, selector: string): Promise<V1Node[]> {
  return listAll((cont) => client.core.listNode({ labelSelector: selector || undefined, limit: PAGE, _continue: cont }));
}

async function podsOwnedBy(client: ClusterClient, namespace: string, owner: NonNullable<Targets["owner"]>): Promise<Set<string>> {
  // Pods of a Deployment are owned by its ReplicaSets; of a StatefulSet, by it directly.
  if (owner.kind === "StatefulSet") return new Set([`StatefulSet/${owner.name}`]);
  const sets = await listAll((cont) => client.apps.listNamespacedReplicaSet({ namespace, limit: PAGE, _continue: cont }));
  return new Set(sets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === "Deployment" && o.name === owner.name)).map((rs) => `ReplicaSet/${rs.metadata!.name}`));
}

function podTarget(p: V1Pod): FaultTarget {
  return { kind: "Pod", namespace: p.metadata!.namespace, name: p.metadata!.name!, labels: p.metadata?.labels, detail: p.spec?.nodeName ? `on ${p.spec.nodeName}` : "unscheduled" };
}

/**
 * Matches the objects a step could touch (PowerfulSeal's "match"): by
 * namespace, label and field selectors, names, owner workload and node
 * properties. Sampling and guardrails come after.
 */
export async function matchTargets(client: ClusterClient, kind: TargetKind, t: Targets): Promise<FaultTarget[]> {
  try {
    return await withTimeout(matchUnbounded(client, kind, t), TIMEOUT, "listing the targets");
  } catch (error) {
    throw clusterError(error, "listing the targets");
  }
}

async function matchUnbounded(client: ClusterClient, kind: TargetKind, t: Targets): Promise<FaultTarget[]> {
  const names = new Set(t.names);
  const byName = <X extends { name: string }>(xs: X[]) => (names.size ? xs.filter((x) => names.has(x.name)) : xs);
  switch (kind) {
    case "Pod": {
      const namespace = requireNamespace(t);
      let pods = await listAll((cont) => client.core.listNamespacedPod({ namespace, labelSelector: t.labelSelector || undefined, fieldSelector: t.fieldSelector || undefined, limit: PAGE, _continue: cont }));
      pods = pods.filter((p) => !p.metadata?.deletionTimestamp);
      if (t.owner) {
        const owners = await podsOwnedBy(client, namespace, t.owner);
        pods = pods.filter((p) => p.metadata?.ownerReferences?.some((o) => owners.has(`${o.kind}/${o.name}`)));
      }
      if (t.nodeSelector) {
        const nodes = new Set((await nodesMatching(client, t.nodeSelector)).map((n) => n.metadata!.name!));
        pods = pods.filter((p) => p.spec?.nodeName && nodes.has(p.spec.nodeName));
      }
      return byName(pods.map(podTarget));
    }
    case "Deployment":
    case "Workload": {
      const namespace = requireNamespace(t);
      const list = (k: "Deployment" | "StatefulSet") =>
        k === "Deployment"
          ? listAll((cont) => client.apps.listNamespacedDeployment({ namespace, labelSelector: t.labelSelector || undefined, limit: PAGE, _continue: cont }))
          : listAll((cont) => client.apps.listNamespacedStatefulSet({ namespace, labelSelector: t.labelSelector || undefined, limit: PAGE, _continue: cont }));
      const kinds: ("Deployment" | "StatefulSet")[] = kind === "Deployment" ? ["Deployment"] : t.owner ? [t.owner.kind] : ["Deployment", "StatefulSet"];
      const out: FaultTarget[] = [];
      for (const k of kinds) {
        for (const w of await list(k)) {
          if (t.owner && w.metadata?.name !== t.owner.name) continue;
          out.push({ kind: k, namespace, name: w.metadata!.name!, labels: w.metadata?.labels, detail: `${w.spec?.replicas ?? 0} replicas` });
        }
      }
      return byName(out);
    }
    case "Node": {
      const nodes = await nodesMatching(client, t.nodeSelector || t.labelSelector);
      return byName(nodes.map((n) => ({ kind: "Node", name: n.metadata!.name!, labels: n.metadata?.labels, detail: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? "" })));
    }
    case "PodSelector": {
      // One object stands for the whole selection (e.g. a NetworkPolicy); the pods are shown as its detail.
      const namespace = requireNamespace(t);
      if (!t.labelSelector) throw new AppError({ code: "BAD_INPUT", message: "A network partition needs a label selector for the pods to cut off.", fieldErrors: { "targets.labelSelector": "Enter a label selector, e.g. app=checkout." } });
      const pods = await listAll((cont) => client.core.listNamespacedPod({ namespace, labelSelector: t.labelSelector, limit: PAGE, _continue: cont }));
      if (pods.length === 0) return [];
      return [{ kind: "PodSelector", namespace, name: t.labelSelector, detail: `${pods.length} pods: ${pods.slice(0, 5).map((p) => p.metadata!.name).join(", ")}${pods.length > 5 ? ", …" : ""}` }];
    }
    case "VirtualService": {
      const namespace = requireNamespace(t);
      const list = (await client.objects.list("networking.istio.io/v1", "VirtualService", namespace, undefined, undefined, undefined, undefined, t.labelSelector || undefined)) as { items: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: { hosts?: string[] } }[] };
      return byName(list.items.map((vs) => ({ kind: "VirtualService", namespace, name: vs.metadata!.name!, labels: vs.metadata?.labels, detail: (vs.spec?.hosts ?? []).join(", ") })));
    }
    case "Namespace": {
      const namespace = requireNamespace(t);
      return [{ kind: "Namespace", name: namespace, namespace }];
    }
  }
}

/** The labels of the namespaces targets live in (a protected label on a namespace protects its objects). */
export async function namespaceLabels(client: ClusterClient, namespaces: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const ns of new Set(namespaces)) {
    try {
      const n = await withTimeout(client.core.readNamespace({ name: ns }), TIMEOUT, "reading the namespace");
      out.set(ns, n.metadata?.labels ?? {});
    } catch (error) {
      throw clusterError(error, `reading namespace ${ns}`);
    }
  }
  return out;
}
