import "server-only";
import type { FaultDriver } from "../driver";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

interface Params {
  gracePeriodSeconds: number;
  force: boolean;
}

/**
 * Deletes pods; their controllers recreate them. Revert has nothing to put
 * back by hand: it confirms the pod is gone or replaced (owner recorded).
 */
export const podKill: FaultDriver<Params> = {
  kind: "pod-kill",
  targetKind: "Pod",
  permissions: [{ verb: "delete", group: "", resource: "pods" }],
  async dryRun(ctx, t) {
    await k8s(`deleting pod ${t.namespace}/${t.name} (dry run)`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, dryRun: DRY_RUN }));
  },
  async plan(ctx, t) {
    const pod = await k8s(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    return { uid: pod.metadata?.uid, owner: pod.metadata?.ownerReferences?.[0] ? `${pod.metadata.ownerReferences[0].kind}/${pod.metadata.ownerReferences[0].name}` : null };
  },
  async apply(ctx, t) {
    const grace = ctx.params.force ? 0 : ctx.params.gracePeriodSeconds;
    await k8sOrGone(`deleting pod ${t.namespace}/${t.name}`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, gracePeriodSeconds: grace }));
  },
  async revert() {
    // A killed pod cannot be un-killed; its controller (recorded as owner) replaces it.
  },
  async status(ctx, t, undo) {
    const pod = await k8sOrGone(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    return !pod || pod.metadata?.uid !== undo.uid ? "applied" : "unknown";
  },
};
