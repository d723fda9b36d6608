import "server-only";
import { z } from "zod";
import type { V1Scale } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { confirmed, defineClusterFault, failedToTakeEffect, pendingConfirmation, type FaultTarget } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";

/** What confirm reads of a Deployment or StatefulSet. */
type WorkloadState = { spec?: { replicas?: number }; status?: { replicas?: number; readyReplicas?: number } };

function scaleCalls(client: ClusterClient, t: FaultTarget): { read: () => Promise<V1Scale>; workload: () => Promise<WorkloadState>; patch: (replicas: number, dryRun?: string) => Promise<V1Scale> } {
  const ref = { name: t.name, namespace: t.namespace! };
  return t.kind === "StatefulSet"
    ? {
        read: () => client.apps.readNamespacedStatefulSetScale(ref),
        workload: () => client.apps.readNamespacedStatefulSet(ref),
        patch: (replicas: number, dryRun?: string) => client.apps.patchNamespacedStatefulSetScale({ ...ref, body: { spec: { replicas } }, dryRun }, client.mergePatch),
      }
    : {
        read: () => client.apps.readNamespacedDeploymentScale(ref),
        workload: () => client.apps.readNamespacedDeployment(ref),
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
  async confirm(ctx, t, undo, phase) {
    const w = await k8sOrGone(`reading ${t.kind} ${t.namespace}/${t.name}`, () => scaleCalls(ctx.client, t).workload());
    if (!w) return failedToTakeEffect(`${t.kind} ${t.namespace}/${t.name} is gone.`);
    const want = phase === "effect" ? ctx.params.replicas : undo.replicas;
    const spec = w.spec?.replicas ?? 1;
    const pods = w.status?.replicas ?? 0;
    const ready = w.status?.readyReplicas ?? 0;
    if (spec !== want) {
      const why = `it wants ${spec} replicas, not ${want}: something scaled it again (an autoscaler, a deploy, a person?)`;
      return phase === "effect" ? failedToTakeEffect(`${t.kind} ${t.namespace}/${t.name}: ${why}.`) : pendingConfirmation(`Not restored yet: ${why}.`);
    }
    if (phase === "effect") return pods <= want ? confirmed(`${pods} pod(s) left, at the target of ${want} (was ${undo.replicas}).`) : pendingConfirmation(`Scaling down: ${pods} pod(s) left, target ${want}.`);
    return ready >= want ? confirmed(`${ready} of ${want} replicas Ready again.`) : pendingConfirmation(`${ready} of ${want} replicas Ready.`);
  },
});
