import "server-only";
import type { FaultDriver } from "../driver";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

const ANNOTATION = "kubectl.kubernetes.io/restartedAt";

const patch = (at: string) => ({ spec: { template: { metadata: { annotations: { [ANNOTATION]: at } } } } });

/**
 * Restarts a Deployment's pods the way `kubectl rollout restart` does. A
 * restart cannot be undone; revert leaves the new pods in place (setting the
 * old annotation back would only restart them again).
 */
export const rolloutRestart: FaultDriver<Record<string, never>> = {
  kind: "rollout-restart",
  targetKind: "Deployment",
  permissions: [{ verb: "patch", group: "apps", resource: "deployments" }],
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
  async status(ctx, t, undo) {
    const d = await k8sOrGone(`reading ${t.namespace}/${t.name}`, () => ctx.client.apps.readNamespacedDeployment({ name: t.name, namespace: t.namespace! }));
    return d && (d.metadata?.generation ?? 0) > Number(undo.generation) ? "applied" : "unknown";
  },
};
