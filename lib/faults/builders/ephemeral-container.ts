import "server-only";
import { z } from "zod";
import type { V1EphemeralContainer, V1Pod } from "@kubernetes/client-node";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { defineClusterFault, type ClusterFault, type FaultTarget, type StepContext } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";
import { assertImageAllowed } from "./image-allowlist";
import { confirmFaultContainer } from "./confirm-fault-container";

const strategic = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);

/**
 * Pumba's method in Kubernetes: the fault runs in an ephemeral container
 * added to the target pod, and reverts itself after the duration (its
 * command undoes the change before exiting). Kubernetes cannot remove an
 * ephemeral container, so stopping early replaces the pod instead: its
 * controller recreates it without the fault.
 *
 * `command` is the container's argv, run without a shell unless it starts
 * one itself: a stress image holds only its stressor (see the test bed
 * README, "Default images"). The image must be on the cluster's allow-list.
 */
export function ephemeralFault<S extends z.ZodObject>(opts: {
  kind: string;
  label: string;
  description: string;
  params: S;
  capabilities: string[];
  /** The container image, from the parameters. */
  image: (params: z.output<S>) => string;
  command: (params: z.output<S>, durationSec: number) => string[];
}): ClusterFault {
  type Ctx = StepContext<z.output<S>>;
  // Every container of this run and step starts with the prefix; each round adds its own.
  const prefix = (ctx: Ctx) => `firedrill-${opts.kind}-${ctx.runId.slice(-8).toLowerCase()}-${ctx.stepIndex}-`;
  const container = (ctx: Ctx, t: FaultTarget, targetContainer: string | null): V1EphemeralContainer => ({
    name: `${prefix(ctx)}${ctx.round}`,
    image: opts.image(ctx.params),
    // A node that already holds the allowed image uses it (a `:latest` tag would default to
    // Always and fail where no registry is reachable); pin a digest in the allow-list to be exact.
    imagePullPolicy: "IfNotPresent",
    command: opts.command(ctx.params, ctx.durationSec),
    targetContainerName: targetContainer ?? undefined,
    securityContext: { capabilities: { add: opts.capabilities } },
    env: [{ name: "FIREDRILL_TARGET", value: `${t.namespace}/${t.name}` }],
  });
  const patch = (ctx: Ctx, t: FaultTarget, c: V1EphemeralContainer, dryRun?: string) =>
    ctx.client.core.patchNamespacedPodEphemeralcontainers({ name: t.name, namespace: t.namespace!, body: { spec: { ephemeralContainers: [c] } }, dryRun }, strategic);
  const read = (ctx: Ctx, t: FaultTarget) => k8sOrGone(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
  /** Declared and not terminated counts as in effect (it may still start). */
  const running = (ctx: Ctx, pod: V1Pod | null, uid: string | null) => {
    if (!pod || pod.metadata?.uid !== uid) return false;
    const ours = (pod.spec?.ephemeralContainers ?? []).filter((c) => c.name.startsWith(prefix(ctx)));
    return ours.some((c) => !pod.status?.ephemeralContainerStatuses?.find((s) => s.name === c.name)?.state?.terminated);
  };
  return defineClusterFault({
    kind: opts.kind,
    label: opts.label,
    backend: "kubernetes",
    description: opts.description,
    params: opts.params,
    targetKind: "Pod",
    permissions: [
      { verb: "patch", group: "", resource: "pods", subresource: "ephemeralcontainers" },
      { verb: "delete", group: "", resource: "pods" },
    ],
    undo: z.object({ uid: z.string().nullable(), targetContainer: z.string().nullable() }),
    async dryRun(ctx, t) {
      assertImageAllowed(ctx.guardrails, opts.image(ctx.params));
      await k8s(`adding a fault container to ${t.namespace}/${t.name} (dry run)`, () => patch(ctx, t, container(ctx, t, null), DRY_RUN));
    },
    async plan(ctx, t) {
      const pod = await k8s(`reading pod ${t.namespace}/${t.name}`, () => ctx.client.core.readNamespacedPod({ name: t.name, namespace: t.namespace! }));
      return { uid: pod.metadata?.uid ?? null, targetContainer: pod.spec?.containers?.[0]?.name ?? null };
    },
    async apply(ctx, t, undo, again) {
      if (again && running(ctx, await read(ctx, t), undo.uid)) {
        ctx.notes.push(`The fault container of an earlier round is still running in ${t.namespace}/${t.name}`);
        return;
      }
      const c = container(ctx, t, undo.targetContainer);
      assertImageAllowed(ctx.guardrails, c.image!);
      await k8s(`adding fault container ${c.name} to ${t.namespace}/${t.name}`, () => patch(ctx, t, c));
    },
    async revert(ctx, t, undo) {
      if (!running(ctx, await read(ctx, t), undo.uid)) return; // it reverted itself, or the pod is gone
      await k8sOrGone(`replacing pod ${t.namespace}/${t.name} to end the fault early`, () => ctx.client.core.deleteNamespacedPod({ name: t.name, namespace: t.namespace!, gracePeriodSeconds: 0 }));
    },
    async inspect(ctx, t, undo) {
      return running(ctx, await read(ctx, t), undo.uid) ? "present" : "absent";
    },
    async confirm(ctx, t, undo, phase) {
      return confirmFaultContainer({ client: ctx.client, pod: await read(ctx, t), uid: undo.uid, container: `${prefix(ctx)}${ctx.round}`, phase, target: t });
    },
  });
}
