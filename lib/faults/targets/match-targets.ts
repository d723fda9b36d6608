import "server-only";
import type { V1Pod } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { withTimeout } from "@/lib/k8s/client";
import { clusterError } from "@/lib/k8s/cluster-errors";
import { protectedLabelExclusions, protectionReason, type Guardrails } from "@/lib/k8s/guardrails";
import { AppError } from "@/lib/errors";
import type { Targets } from "@/lib/experiments/schemas";
import type { ExcludedTarget, FaultTarget, TargetKind } from "../fault-module";
import { listAll, nodesMatching, podsOwnedBy } from "./list-objects";

const TIMEOUT = 20_000;

/** What a step's selection matches: the objects it may touch, and those the guardrails keep out. */
export interface Candidates {
  eligible: FaultTarget[];
  excluded: ExcludedTarget[];
}

function requireNamespace(t: Targets): string {
  if (!t.namespace) throw new AppError({ code: "BAD_INPUT", message: "Pick the namespace the targets are in.", fieldErrors: { "targets.namespace": "Pick a namespace." } });
  return t.namespace;
}

function podTarget(p: V1Pod): FaultTarget {
  return { kind: "Pod", namespace: p.metadata!.namespace, name: p.metadata!.name!, labels: p.metadata?.labels, detail: p.spec?.nodeName ? `on ${p.spec.nodeName}` : "unscheduled" };
}

/**
 * Matches the objects a step could touch (PowerfulSeal's "match": namespace,
 * label and field selectors, names, owner workload, node properties) and
 * leaves out, BEFORE any sampling, every object the guardrails protect: a
 * protected label on the object, its namespace or (for workloads) its pod
 * template. A selector target carries the pods it resolves to, with a
 * selector that excludes the protected labels for whoever evaluates it later.
 */
export async function matchCandidates(client: ClusterClient, kind: TargetKind, t: Targets, guardrails: Guardrails): Promise<Candidates> {
  try {
    return await withTimeout(matchUnbounded(client, kind, t, guardrails), TIMEOUT, "listing the targets");
  } catch (error) {
    throw clusterError(error, "listing the targets");
  }
}

async function matchUnbounded(client: ClusterClient, kind: TargetKind, t: Targets, g: Guardrails): Promise<Candidates> {
  const names = new Set(t.names);
  const byName = <X extends { name: string }>(xs: X[]) => (names.size ? xs.filter((x) => names.has(x.name)) : xs);
  const split = async (objects: (FaultTarget & { guardLabels?: Record<string, string> })[]): Promise<Candidates> => {
    const nsLabels = t.namespace && kind !== "Node" ? await namespaceLabels(client, t.namespace) : undefined;
    const out: Candidates = { eligible: [], excluded: [] };
    for (const { guardLabels, ...o } of objects) {
      const why = protectionReason(g, { ...o, labels: guardLabels ?? o.labels, namespaceLabels: nsLabels });
      if (why) out.excluded.push({ kind: o.kind, namespace: o.namespace, name: o.name, reason: why });
      else out.eligible.push(o);
    }
    return out;
  };
  switch (kind) {
    case "Pod": {
      const namespace = requireNamespace(t);
      return split(byName((await podsMatching(client, namespace, t, t.labelSelector)).map(podTarget)));
    }
    case "Deployment":
    case "Workload": {
      const namespace = requireNamespace(t);
      const kinds: ("Deployment" | "StatefulSet")[] = kind === "Deployment" ? ["Deployment"] : t.owner ? [t.owner.kind] : ["Deployment", "StatefulSet"];
      const found: (FaultTarget & { guardLabels: Record<string, string> })[] = [];
      for (const k of kinds) {
        const list =
          k === "Deployment"
            ? await listAll((cont) => client.apps.listNamespacedDeployment({ namespace, labelSelector: t.labelSelector || undefined, limit: 500, _continue: cont }))
            : await listAll((cont) => client.apps.listNamespacedStatefulSet({ namespace, labelSelector: t.labelSelector || undefined, limit: 500, _continue: cont }));
        for (const w of list) {
          if (t.owner && w.metadata?.name !== t.owner.name) continue;
          // A protected label on the pod template protects the workload: scaling or restarting it touches those pods.
          const guardLabels = { ...(w.spec?.template?.metadata?.labels ?? {}), ...(w.metadata?.labels ?? {}) };
          found.push({ kind: k, namespace, name: w.metadata!.name!, labels: w.metadata?.labels, detail: `${w.spec?.replicas ?? 0} replicas`, guardLabels });
        }
      }
      return split(byName(found));
    }
    case "Node": {
      const selector = t.nodeSelector || t.labelSelector;
      if (!selector && names.size === 0) {
        throw new AppError({ code: "BAD_INPUT", message: "Pick the nodes by name or with a node selector: an empty selection would match every node.", fieldErrors: { "targets.nodeSelector": "Enter a node selector or node names." } });
      }
      const nodes = await nodesMatching(client, selector);
      return split(byName(nodes.map((n) => ({ kind: "Node", name: n.metadata!.name!, labels: n.metadata?.labels, detail: n.metadata?.labels?.["topology.kubernetes.io/zone"] ?? "" }))));
    }
    case "PodSelector": {
      const namespace = requireNamespace(t);
      if (!t.labelSelector) throw new AppError({ code: "BAD_INPUT", message: "This fault needs a label selector for its pods.", fieldErrors: { "targets.labelSelector": "Enter a label selector, e.g. app=checkout." } });
      // Only what the backend itself evaluates: the namespace and the labels.
      const listed = await listAll((cont) => client.core.listNamespacedPod({ namespace, labelSelector: t.labelSelector, limit: 500, _continue: cont }));
      const pods = await split(listed.filter((p) => !p.metadata?.deletionTimestamp).map(podTarget));
      if (pods.eligible.length === 0) return { eligible: [], excluded: pods.excluded };
      // The backend evaluates the selector again at run time: it must not reach a protected pod, even a new one.
      const selector = [t.labelSelector, ...protectedLabelExclusions(g)].join(",");
      const refs = pods.eligible.map((p) => ({ kind: "Pod", namespace, name: p.name }));
      return { eligible: [{ kind: "PodSelector", namespace, name: t.labelSelector, selector, pods: refs, detail: `${refs.length} pods: ${refs.slice(0, 5).map((p) => p.name).join(", ")}${refs.length > 5 ? ", …" : ""}` }], excluded: pods.excluded };
    }
    case "VirtualService": {
      const namespace = requireNamespace(t);
      const list = (await client.objects.list("networking.istio.io/v1", "VirtualService", namespace, undefined, undefined, undefined, undefined, t.labelSelector || undefined)) as { items: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: { hosts?: string[] } }[] };
      return split(byName(list.items.map((vs) => ({ kind: "VirtualService", namespace, name: vs.metadata!.name!, labels: vs.metadata?.labels, detail: (vs.spec?.hosts ?? []).join(", ") }))));
    }
  }
}

/** Live pods of a namespace matching the experiment's label/field selectors, owner and node selection. */
async function podsMatching(client: ClusterClient, namespace: string, t: Targets, labelSelector: string): Promise<V1Pod[]> {
  let pods = await listAll((cont) => client.core.listNamespacedPod({ namespace, labelSelector: labelSelector || undefined, fieldSelector: t.fieldSelector || undefined, limit: 500, _continue: cont }));
  pods = pods.filter((p) => !p.metadata?.deletionTimestamp);
  if (t.owner) {
    const owners = await podsOwnedBy(client, namespace, t.owner);
    pods = pods.filter((p) => p.metadata?.ownerReferences?.some((o) => owners.has(`${o.kind}/${o.name}`)));
  }
  if (t.nodeSelector) {
    const nodes = new Set((await nodesMatching(client, t.nodeSelector)).map((n) => n.metadata!.name!));
    pods = pods.filter((p) => p.spec?.nodeName && nodes.has(p.spec.nodeName));
  }
  return pods;
}

/** A namespace's labels (a protected label on a namespace protects everything in it). */
export async function namespaceLabels(client: ClusterClient, namespace: string): Promise<Record<string, string>> {
  const n = await withTimeout(client.core.readNamespace({ name: namespace }), TIMEOUT, "reading the namespace");
  return n.metadata?.labels ?? {};
}
