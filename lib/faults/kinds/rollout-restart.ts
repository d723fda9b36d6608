import "server-only";
import { z } from "zod";
import { confirmed, defineClusterFault, failedToTakeEffect, pendingConfirmation } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";

const ANNOTATION = "kubectl.kubernetes.io/restartedAt";

const patch = (at: string) => ({ spec: { template: { metadata: { annotations: { [ANNOTATION]: at } } } } });

/**
 * Restarts a Deployment's pods the way `kubectl rollout restart` does. A
 * restart cannot be undone; revert leaves the new pods in place (setting the
 * old annotation back would only restart them again).
 */
export const rolloutRestart = defineClusterFault({
  kind: "rollout-restart",
  label: "Rollout restart",
  backend: "kubernetes",
  description: "Restart a deployment's pods the way `kubectl rollout restart` does.",
  params: z.object({}),
  targetKind: "Deployment",
  permissions: [{ verb: "patch", group: "apps", resource: "deployments" }],
  undo: z.object({ generation: z.number(), previousRestart: z.string().nullable() }),
  async dryRun(ctx, t) {
    await k8s(`restarting ${t.namespace}/${t.name} (dry run)`, () => ctx.client.apps.patchNamespacedDeployment({ name: t.name, namespace: t.namespace!, body: patch(new Date().toISOString()), dryRun: DRY_RUN }, ctx.client.mergePatch));
  },
  async plan(ctx, t) {
    const d = await k8s(`reading ${t.namespace}/${t.name}`, () => ctx.client.apps.readNamespacedDeployment({ name: t.name, namespace: t.namespace! }));
    return { generation: d.metadata?.generation ?? 0, previousRestart: d.spec?.template?.metadata?.annotations?.[ANNOTATION] ?? null };
  },
  async apply(ctx, t) {
    await k8s(`restarting ${t.namespace}/${t.name}`, () => ctx.client.apps.patchNamespacedDeployment({ name: t.name, namespace: t.namespace!, body: patch(new Date().toISOString()) }, ctx.client.mergePatch));
  },
  async revert() {
    // Nothing to undo: the rollout replaced the pods with identical ones.
  },
  async inspect() {
    // Nothing to undo: the new pods are identical to the old ones.
    return "absent";
  },
  async confirm(ctx, t, undo, phase) {
    const d = await k8sOrGone(`reading ${t.namespace}/${t.name}`, () => ctx.client.apps.readNamespacedDeployment({ name: t.name, namespace: t.namespace! }));
    if (!d) return failedToTakeEffect(`Deployment ${t.namespace}/${t.name} is gone.`);
    const restart = d.spec?.template?.metadata?.annotations?.[ANNOTATION] ?? null;
    const generation = d.metadata?.generation ?? 0;
    if (restart === undo.previousRestart || generation <= undo.generation) return pendingConfirmation("The Deployment shows no new restart yet.");
    const want = d.spec?.replicas ?? 1;
    const st = d.status ?? {};
    const observed = (st.observedGeneration ?? 0) >= generation;
    const progress = st.conditions?.find((c) => c.type === "Progressing");
    if (progress?.reason === "ProgressDeadlineExceeded") return failedToTakeEffect(`The rollout stalled: ${progress.message ?? "progress deadline exceeded"}.`);
    if (phase === "effect") return observed ? confirmed(`The rollout started (generation ${generation}): ${st.updatedReplicas ?? 0} of ${want} pods replaced so far.`) : pendingConfirmation("The controller has not seen the restart yet.");
    const done = observed && (st.updatedReplicas ?? 0) >= want && (st.availableReplicas ?? 0) >= want && (st.replicas ?? 0) === want;
    return done ? confirmed(`Rollout complete: ${want} of ${want} new pods available.`) : pendingConfirmation(`Rollout in progress: ${st.updatedReplicas ?? 0} of ${want} updated, ${st.availableReplicas ?? 0} available.`);
  },
});
