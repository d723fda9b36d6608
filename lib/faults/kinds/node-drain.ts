import "server-only";
import { z } from "zod";
import type { FaultDriver } from "../driver";
import { statusOf } from "@/lib/k8s/cluster-errors";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

interface Params {
  drain: boolean;
  gracePeriodSeconds: number;
}

const undoSchema = z.object({ wasUnschedulable: z.boolean() });

/**
 * Cordons a node and evicts its pods through the Eviction API, so
 * PodDisruptionBudgets are honoured: an eviction a PDB refuses is skipped,
 * not forced. Revert uncordons (unless the node was cordoned before).
 */
export const nodeDrain: FaultDriver<Params> = {
  kind: "node-drain",
  targetKind: "Node",
  permissions: [
    { verb: "patch", group: "", resource: "nodes" },
    { verb: "create", group: "", resource: "pods", subresource: "eviction" },
  ],
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
    const pods = await k8s(`listing pods on ${t.name}`, () => ctx.client.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${t.name}` }));
    for (const pod of pods.items) {
      const ns = pod.metadata!.namespace!;
      const name = pod.metadata!.name!;
      if (pod.metadata?.ownerReferences?.some((o) => o.kind === "DaemonSet")) continue; // as kubectl drain --ignore-daemonsets
      try {
        await ctx.client.core.createNamespacedPodEviction({
          name,
          namespace: ns,
          body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: ns }, deleteOptions: { gracePeriodSeconds: ctx.params.gracePeriodSeconds } },
        });
      } catch (error) {
        // 429: a PodDisruptionBudget refuses this eviction now; honour it. 404: already gone.
        // 403: a namespace Firedrill may not touch (e.g. the protected kube-system); leave it.
        const status = statusOf(error);
        if (status === 429) ctx.notes?.push(`Eviction of ${ns}/${name} refused by its PodDisruptionBudget; left running`);
        else if (status === 403) ctx.notes?.push(`Eviction of ${ns}/${name} not permitted; left running`);
        else if (status !== 404) throw error;
      }
    }
  },
  async revert(ctx, t, undo) {
    const { wasUnschedulable } = undoSchema.parse(undo);
    if (wasUnschedulable) return;
    await k8sOrGone(`uncordoning node ${t.name}`, () => ctx.client.core.patchNode({ name: t.name, body: { spec: { unschedulable: null } } }, ctx.client.mergePatch));
  },
  async status(ctx, t) {
    const node = await k8sOrGone(`reading node ${t.name}`, () => ctx.client.core.readNode({ name: t.name }));
    if (!node) return "unknown";
    return node.spec?.unschedulable ? "applied" : "reverted";
  },
};
