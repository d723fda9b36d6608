import "server-only";
import { z } from "zod";
import { statusOf } from "@/lib/k8s/cluster-errors";
import { confirmed, defineClusterFault, failedToTakeEffect, pendingConfirmation } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";
import { seconds } from "../param-fields";
import { podsOnNode } from "../targets/pods-on-node";

/**
 * Cordons a node and evicts its pods through the Eviction API, so
 * PodDisruptionBudgets are honoured: an eviction a PDB refuses is skipped,
 * not forced. Pods the guardrails protect (protected namespaces and labels,
 * namespaces outside the allow-list) are never evicted, whatever RBAC allows.
 * Revert uncordons (unless the node was cordoned before).
 */
export const nodeDrain = defineClusterFault({
  kind: "node-drain",
  label: "Cordon and drain node",
  backend: "kubernetes",
  description: "Cordon the node and evict its pods, honouring PodDisruptionBudgets.",
  params: z.object({ drain: z.boolean().default(true).meta({ title: "Evict pods (not only cordon)" }), gracePeriodSeconds: seconds("Eviction grace period (s)", 30) }),
  targetKind: "Node",
  permissions: [
    { verb: "patch", group: "", resource: "nodes" },
    { verb: "create", group: "", resource: "pods", subresource: "eviction" },
  ],
  undo: z.object({ wasUnschedulable: z.boolean() }),
  async expand(ctx, t) {
    if (!ctx.params.drain) return { target: t, excluded: [] };
    const { evict, keep } = await podsOnNode(ctx.client, t.name, ctx.guardrails);
    return { target: { ...t, pods: evict, detail: `${t.detail ? `${t.detail}; ` : ""}evicts ${evict.length} pod(s)${keep.length ? `, keeps ${keep.length}` : ""}` }, excluded: keep };
  },
  async dryRun(ctx, t) {
    await k8s(`cordoning node ${t.name} (dry run)`, () => ctx.client.core.patchNode({ name: t.name, body: { spec: { unschedulable: true } }, dryRun: DRY_RUN }, ctx.client.mergePatch));
  },
  async plan(ctx, t) {
    const node = await k8s(`reading node ${t.name}`, () => ctx.client.core.readNode({ name: t.name }));
    return { wasUnschedulable: node.spec?.unschedulable === true };
  },
  async apply(ctx, t) {
    await k8s(`cordoning node ${t.name}`, () => ctx.client.core.patchNode({ name: t.name, body: { spec: { unschedulable: true } } }, ctx.client.mergePatch));
    if (!ctx.params.drain) return;
    // Read again now: the guardrails decide on the pods that are there at eviction time.
    const { evict, keep } = await podsOnNode(ctx.client, t.name, ctx.guardrails);
    if (keep.length) ctx.notes.push(`Drain of ${t.name} kept ${keep.length} pod(s) the guardrails protect or DaemonSets run: ${keep.slice(0, 5).map((p) => `${p.namespace}/${p.name}`).join(", ")}${keep.length > 5 ? ", …" : ""}`);
    for (const pod of evict) {
      const ns = pod.namespace!;
      try {
        await k8s(`evicting pod ${ns}/${pod.name}`, () =>
          ctx.client.core.createNamespacedPodEviction({ name: pod.name, namespace: ns, body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: pod.name, namespace: ns }, deleteOptions: { gracePeriodSeconds: ctx.params.gracePeriodSeconds } } }),
        );
      } catch (error) {
        // 429: a PodDisruptionBudget refuses this eviction now; honour it. 404: already gone.
        // 403: a namespace Firedrill may not touch; leave it.
        const status = statusOf((error as Error).cause);
        if (status === 429) ctx.notes.push(`Eviction of ${ns}/${pod.name} refused by its PodDisruptionBudget; left running`);
        else if (status === 403) ctx.notes.push(`Eviction of ${ns}/${pod.name} not permitted; left running`);
        else if (status !== 404) throw error;
      }
    }
  },
  async revert(ctx, t, undo) {
    if (undo.wasUnschedulable) return;
    await k8sOrGone(`uncordoning node ${t.name}`, () => ctx.client.core.patchNode({ name: t.name, body: { spec: { unschedulable: null } } }, ctx.client.mergePatch));
  },
  async inspect(ctx, t, undo) {
    if (undo.wasUnschedulable) return "absent"; // cordoned before: nothing of this run's to find
    const node = await k8sOrGone(`reading node ${t.name}`, () => ctx.client.core.readNode({ name: t.name }));
    return node?.spec?.unschedulable ? "present" : "absent";
  },
  async confirm(ctx, t, undo, phase) {
    const node = await k8sOrGone(`reading node ${t.name}`, () => ctx.client.core.readNode({ name: t.name }));
    if (!node) return failedToTakeEffect(`Node ${t.name} is gone.`);
    const cordoned = node.spec?.unschedulable === true;
    if (phase === "recovered") return !cordoned || undo.wasUnschedulable ? confirmed(undo.wasUnschedulable ? "The node was cordoned before the run; left cordoned." : "The node is schedulable again.") : pendingConfirmation("The node is still cordoned.");
    if (!cordoned) return failedToTakeEffect(`Node ${t.name} is schedulable: something uncordoned it.`);
    const evicted = t.pods ?? [];
    if (!ctx.params.drain || evicted.length === 0) return confirmed("The node is cordoned (unschedulable).");
    const on = await k8s(`listing pods on ${t.name}`, () => ctx.client.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${t.name}` }));
    const left = new Set(on.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
    const remaining = evicted.filter((p) => left.has(`${p.namespace}/${p.name}`));
    const gone = evicted.length - remaining.length;
    if (remaining.length === 0) return confirmed(`The node is cordoned and all ${gone} pod(s) were evicted.`);
    // A PodDisruptionBudget can keep pods: the drain is still in effect for the others.
    return gone > 0 ? confirmed(`The node is cordoned; ${gone} of ${evicted.length} pod(s) evicted, ${remaining.length} kept (see the timeline).`) : pendingConfirmation(`The node is cordoned; ${remaining.length} pod(s) not evicted yet.`);
  },
});
