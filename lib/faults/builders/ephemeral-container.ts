import "server-only";
import type { V1EphemeralContainer } from "@kubernetes/client-node";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { DriverContext, FaultDriver, FaultTarget } from "../driver";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

const strategic = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);

/**
 * Pumba's method in Kubernetes: the fault runs in an ephemeral container
 * added to the target pod, and reverts itself after the duration (its
 * command undoes the change before exiting). Kubernetes cannot remove an
 * ephemeral container, so stopping early replaces the pod instead: its
 * controller recreates it without the fault.
 */
export function ephemeralDriver<P extends { image: string }>(opts: {
  kind: string;
  capabilities: string[];
  script: (params: P, durationSec: number) => string;
}): FaultDriver<P> {
  const containerName = (ctx: DriverContext<P>) => `firedrill-${opts.kind}-${ctx.runId.slice(-8).toLowerCase()}-${ctx.stepIndex}`;
  const container = (ctx: DriverContext<P>, t: FaultTarget, targetContainer: string | undefined): V1EphemeralContainer => ({
    name: containerName(ctx),
    image: ctx.params.image,
    command: ["sh", "-c", opts.script(ctx.params, ctx.durationSec)],
    targetContainerName: targetContainer,
    securityContext: { capabilities: { add: opts.capabilities } },
    env: [{ name: "FIREDRILL_TARGET", value: `${t.namespace}/${t.name}` }],
  });
  const patch = (ctx: DriverContext<P>, t: FaultTarget, c: V1EphemeralContainer, dryRun?: string) =>
    ctx.client.core.patchNamespacedPodEphemeralcontainers({ name: t.name, namespace: t.namespace!, body: { spec: { ephemeralContainers: [c] } }, dryRun }, strategic);
  const running = async (ctx: DriverContext<P>, t: FaultTarget, undo: Record<string, unknown>) => {
    const pod = await k8sOrGone(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
    if (!pod || pod.metadata?.uid !== undo.uid) return false;
    const st = pod.status?.ephemeralContainerStatuses?.find((s) => s.name === undo.container);
    // Declared but not terminated counts as in effect (it may still start).
    return Boolean(pod.spec?.ephemeralContainers?.some((c) => c.name === undo.container)) && !st?.state?.terminated;
  };
  return {
    kind: opts.kind,
    targetKind: "Pod",
    permissions: [
      { verb: "patch", group: "", resource: "pods", subresource: "ephemeralcontainers" },
      { verb: "delete", group: "", resource: "pods" },
    ],
    async dryRun(ctx, t) {
      await k8s(`adding a fault container to ${t.namespace}/${t.name} (dry run)`, () => patch(ctx, t, container(ctx, t, undefined), DRY_RUN));
    },
    async plan(ctx, t) {
      const pod = await k8s(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
      return { uid: pod.metadata?.uid, container: containerName(ctx), targetContainer: pod.spec?.containers?.[0]?.name ?? null };
    },
    async apply(ctx, t, undo) {
      await k8s(`adding fault container ${String(undo.container)} to ${t.namespace}/${t.name}`, () => patch(ctx, t, container(ctx, t, (undo.targetContainer as string) ?? undefined)));
    },
    async revert(ctx, t, undo) {
      if (!(await running(ctx, t, undo))) return; // it reverted itself, or the pod is gone
      await k8sOrGone(`replacing pod ${t.namespace}/${t.name} to end the fault early`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, gracePeriodSeconds: 0 }));
    },
    async status(ctx, t, undo) {
      return (await running(ctx, t, undo)) ? "applied" : "reverted";
    },
  };
}
