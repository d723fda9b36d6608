import "server-only";
import type { ClusterClient } from "@/lib/k8s/client";
import { protectionReason, type Guardrails } from "@/lib/k8s/guardrails";
import type { ExcludedTarget, ObjectRef } from "../fault-module";
import { k8s } from "../cluster-call";
import { namespaceLabels } from "./match-targets";

/**
 * The pods a drain of `node` would evict, and those it keeps: DaemonSet and
 * mirror pods (as `kubectl drain --ignore-daemonsets`), and every pod the
 * guardrails protect (protected namespace or label, a namespace outside the
 * allow-list or labelled protected).
 */
export async function podsOnNode(client: ClusterClient, node: string, g: Guardrails): Promise<{ evict: ObjectRef[]; keep: ExcludedTarget[] }> {
  const pods = await k8s(`listing pods on ${node}`, () => client.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` }));
  const nsLabels = new Map<string, Record<string, string>>();
  const evict: ObjectRef[] = [];
  const keep: ExcludedTarget[] = [];
  for (const p of pods.items) {
    if (p.metadata?.deletionTimestamp) continue;
    const ref = { kind: "Pod", namespace: p.metadata!.namespace!, name: p.metadata!.name! };
    if (p.metadata?.ownerReferences?.some((o) => o.kind === "DaemonSet")) {
      keep.push({ ...ref, reason: "is run by a DaemonSet" });
      continue;
    }
    if (p.metadata?.annotations?.["kubernetes.io/config.mirror"]) {
      keep.push({ ...ref, reason: "is a static (mirror) pod" });
      continue;
    }
    if (!nsLabels.has(ref.namespace)) nsLabels.set(ref.namespace, await k8s(`reading namespace ${ref.namespace}`, () => namespaceLabels(client, ref.namespace)));
    const why = protectionReason(g, { ...ref, labels: p.metadata?.labels, namespaceLabels: nsLabels.get(ref.namespace) });
    if (why) keep.push({ ...ref, reason: why });
    else evict.push(ref);
  }
  return { evict, keep };
}
