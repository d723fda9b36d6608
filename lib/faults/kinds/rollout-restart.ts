import "server-only";
import { z } from "zod";
import { defineClusterFault } from "../fault-module";
import { k8s, DRY_RUN } from "../cluster-call";

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
});
