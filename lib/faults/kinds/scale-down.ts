import "server-only";
import { z } from "zod";
import type { FaultDriver, FaultTarget } from "../driver";
import type { ClusterClient } from "@/lib/k8s/client";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

interface Params {
  replicas: number;
}

const undoSchema = z.object({ replicas: z.number().int().min(0) });

function scaleCalls(client: ClusterClient, t: FaultTarget) {
  const ref = { name: t.name, namespace: t.namespace! };
  return t.kind === "StatefulSet"
    ? {
        read: () => client.apps.readNamespacedStatefulSetScale(ref),
        patch: (replicas: number, dryRun?: string) => client.apps.patchNamespacedStatefulSetScale({ ...ref, body: { spec: { replicas } }, dryRun }, client.mergePatch),
      }
    : {
        read: () => client.apps.readNamespacedDeploymentScale(ref),
        patch: (replicas: number, dryRun?: string) => client.apps.patchNamespacedDeploymentScale({ ...ref, body: { spec: { replicas } }, dryRun }, client.mergePatch),
      };
}

/** Scales a Deployment or StatefulSet down; revert restores the replica count read before. */
export const scaleDown: FaultDriver<Params> = {
  kind: "scale-down",
  targetKind: "Workload",
  permissions: [
    { verb: "patch", group: "apps", resource: "deployments", subresource: "scale" },
    { verb: "get", group: "apps", resource: "deployments", subresource: "scale" },
  ],
  async dryRun(ctx, t) {
    await k8s(`scaling ${t.kind} ${t.namespace}/${t.name} (dry run)`, () => scaleCalls(ctx.client, t).patch(ctx.params.replicas, DRY_RUN));
  },
  async plan(ctx, t) {
    const scale = await k8s(`reading the scale of ${t.namespace}/${t.name}`, () => scaleCalls(ctx.client, t).read());
    return { replicas: scale.spec?.replicas ?? 0 };
  },
  async apply(ctx, t) {
    await k8s(`scaling ${t.kind} ${t.namespace}/${t.name} to ${ctx.params.replicas}`, () => scaleCalls(ctx.client, t).patch(ctx.params.replicas));
  },
  async revert(ctx, t, undo) {
    const { replicas } = undoSchema.parse(undo);
    await k8sOrGone(`restoring ${t.namespace}/${t.name} to ${replicas} replicas`, () => scaleCalls(ctx.client, t).patch(replicas));
  },
  async status(ctx, t, undo) {
    const { replicas } = undoSchema.parse(undo);
    const scale = await k8sOrGone(`reading the scale of ${t.namespace}/${t.name}`, () => scaleCalls(ctx.client, t).read());
    if (!scale) return "unknown";
    return scale.spec?.replicas === replicas ? "reverted" : "applied";
  },
};
