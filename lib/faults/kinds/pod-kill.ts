import "server-only";
import { z } from "zod";
import { defineClusterFault } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";
import { seconds } from "../param-fields";

/**
 * Deletes pods; their controllers recreate them. Revert has nothing to put
 * back by hand: the owner (recorded) replaces the pod.
 */
export const podKill = defineClusterFault({
  kind: "pod-kill",
  label: "Kill pods",
  backend: "kubernetes",
  description: "Delete the selected pods; their controllers recreate them.",
  params: z.object({ gracePeriodSeconds: seconds("Grace period (s)", 0), force: z.boolean().default(false).meta({ title: "Force (skip graceful termination)" }) }),
  targetKind: "Pod",
  permissions: [{ verb: "delete", group: "", resource: "pods" }],
  undo: z.object({ uid: z.string().nullable(), owner: z.string().nullable() }),
  async dryRun(ctx, t) {
    await k8s(`deleting pod ${t.namespace}/${t.name} (dry run)`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, dryRun: DRY_RUN }));
  },
  async plan(ctx, t) {
    const pod = await k8s(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    const owner = pod.metadata?.ownerReferences?.[0];
    return { uid: pod.metadata?.uid ?? null, owner: owner ? `${owner.kind}/${owner.name}` : null };
  },
  async apply(ctx, t) {
    const grace = ctx.params.force ? 0 : ctx.params.gracePeriodSeconds;
    await k8sOrGone(`deleting pod ${t.namespace}/${t.name}`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, gracePeriodSeconds: grace }));
  },
  async revert() {
    // A killed pod cannot be un-killed; its controller (recorded as owner) replaces it.
  },
  async inspect() {
    // Nothing to undo: a deleted pod is replaced by its controller, not restored.
    return "absent";
  },
});
