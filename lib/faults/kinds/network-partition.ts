import "server-only";
import type { V1NetworkPolicy } from "@kubernetes/client-node";
import type { DriverContext, FaultDriver, FaultTarget } from "../driver";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";
import { parseLabelSelector } from "@/lib/k8s/label-selector";

interface Params {
  direction: "ingress" | "egress" | "both";
}

const policyName = (ctx: DriverContext<Params>) => `firedrill-partition-${ctx.runId.slice(-10).toLowerCase()}-${ctx.stepIndex}`;

function policy(ctx: DriverContext<Params>, t: FaultTarget): V1NetworkPolicy {
  const types = ctx.params.direction === "both" ? ["Ingress", "Egress"] : ctx.params.direction === "ingress" ? ["Ingress"] : ["Egress"];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: policyName(ctx), namespace: t.namespace, labels: { "app.kubernetes.io/managed-by": "firedrill", "firedrill.dev/run": ctx.runId } },
    // No rules for the listed directions: everything in them is denied.
    spec: { podSelector: parseLabelSelector(t.name), policyTypes: types },
  };
}

/** Cuts pods off with a deny-all NetworkPolicy; revert deletes the policy. */
export const networkPartition: FaultDriver<Params> = {
  kind: "network-partition",
  targetKind: "PodSelector",
  permissions: [
    { verb: "create", group: "networking.k8s.io", resource: "networkpolicies" },
    { verb: "delete", group: "networking.k8s.io", resource: "networkpolicies" },
  ],
  async dryRun(ctx, t) {
    await k8s(`creating a NetworkPolicy in ${t.namespace} (dry run)`, () => ctx.client.networking.createNamespacedNetworkPolicy({ namespace: t.namespace!, body: policy(ctx, t), dryRun: DRY_RUN }));
  },
  async plan(ctx, t) {
    return { policy: policyName(ctx), namespace: t.namespace };
  },
  async apply(ctx, t) {
    await k8s(`creating NetworkPolicy ${t.namespace}/${policyName(ctx)}`, () => ctx.client.networking.createNamespacedNetworkPolicy({ namespace: t.namespace!, body: policy(ctx, t) }));
  },
  async revert(ctx, t, undo) {
    await k8sOrGone(`deleting NetworkPolicy ${t.namespace}/${String(undo.policy)}`, () => ctx.client.networking.deleteNamespacedNetworkPolicy({ name: String(undo.policy), namespace: t.namespace! }));
  },
  async status(ctx, t, undo) {
    const p = await k8sOrGone("reading the NetworkPolicy", () => ctx.client.networking.readNamespacedNetworkPolicy({ name: String(undo.policy), namespace: t.namespace! }));
    return p ? "applied" : "reverted";
  },
};
