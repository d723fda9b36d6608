import "server-only";
import { z } from "zod";
import { confirmed, defineClusterFault, pendingConfirmation } from "../fault-module";
import { podsOwnedBy, replacementOf } from "../targets/replacement-pod";
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
  // siblings: the UIDs of the owner's other pods at plan time, so confirm can tell a replacement from them.
  undo: z.object({ uid: z.string().nullable(), owner: z.string().nullable(), siblings: z.array(z.string()).default([]) }),
  async dryRun(ctx, t) {
    await k8s(`deleting pod ${t.namespace}/${t.name} (dry run)`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, dryRun: DRY_RUN }));
  },
  async plan(ctx, t) {
    const pod = await k8s(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    const ref = pod.metadata?.ownerReferences?.[0];
    const owner = ref ? `${ref.kind}/${ref.name}` : null;
    const siblings = owner ? (await podsOwnedBy(ctx.client, t.namespace!, owner, pod.metadata?.labels)).map((p) => p.metadata?.uid ?? "").filter(Boolean) : [];
    return { uid: pod.metadata?.uid ?? null, owner, siblings };
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
  async confirm(ctx, t, undo, phase) {
    const pod = await k8sOrGone(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    const stillThere = pod !== null && pod.metadata?.uid === undo.uid;
    if (stillThere) return pendingConfirmation(pod.metadata?.deletionTimestamp ? "The pod is terminating." : "The pod is still running with the same UID.");
    if (!undo.owner) return confirmed("The pod is gone (it had no controller to replace it).");
    const next = await replacementOf(ctx.client, t.namespace!, undo.owner, [undo.uid, ...undo.siblings], t.labels);
    if (phase === "effect") return next ? confirmed(`The pod is gone; ${undo.owner} replaced it with ${next.name} (new UID).`) : pendingConfirmation(`The pod is gone; waiting for ${undo.owner} to create a new one.`);
    return next?.ready ? confirmed(`Replacement ${next.name} is Ready.`) : pendingConfirmation(next ? `Replacement ${next.name} is not Ready yet.` : `Waiting for ${undo.owner} to create a new pod.`);
  },
});
