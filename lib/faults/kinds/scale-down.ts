import "server-only";
import { z } from "zod";
import type { ClusterClient } from "@/lib/k8s/client";
import { defineClusterFault, type FaultTarget } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";

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

/**
 * Scales a Deployment or StatefulSet down. Plan reads the replica count once,
 * before the first round touches the workload; revert restores exactly that.
 */
export const scaleDown = defineClusterFault({
  kind: "scale-down",
  label: "Scale down",
  backend: "kubernetes",
  description: "Scale a deployment or statefulset down; the original replica count is restored on revert.",
  params: z.object({ replicas: z.coerce.number({ error: "Replicas must be a number." }).int().min(0, "Replicas cannot be negative.").max(1000).default(0).meta({ title: "Replicas during the fault" }) }),
  targetKind: "Workload",
  permissions: [
    { verb: "get", group: "apps", resource: "deployments", subresource: "scale" },
    { verb: "patch", group: "apps", resource: "deployments", subresource: "scale" },
    { verb: "get", group: "apps", resource: "statefulsets", subresource: "scale", only: "StatefulSets" },
    { verb: "patch", group: "apps", resource: "statefulsets", subresource: "scale", only: "StatefulSets" },
  ],
  undo: z.object({ replicas: z.number().int().min(0) }),
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
    await k8sOrGone(`restoring ${t.namespace}/${t.name} to ${undo.replicas} replicas`, () => scaleCalls(ctx.client, t).patch(undo.replicas));
  },
  async inspect(ctx, t, undo) {
    const scale = await k8sOrGone(`reading the scale of ${t.namespace}/${t.name}`, () => scaleCalls(ctx.client, t).read());
    if (!scale) return "absent";
    return scale.spec?.replicas === undo.replicas ? "absent" : "present";
  },
});
