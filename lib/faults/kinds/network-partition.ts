import "server-only";
import { z } from "zod";
import type { V1NetworkPolicy } from "@kubernetes/client-node";
import { parseLabelSelector } from "@/lib/k8s/label-selector";
import { confirmed, failedToTakeEffect, pendingConfirmation, defineClusterFault, type FaultTarget, type StepContext } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";
import { firedrillLabels } from "../builders/custom-resource";

type Params = { direction: "ingress" | "egress" | "both" };

/** One policy per step and round: a repeat round adds its own policy instead of colliding with the first. */
const policyName = (ctx: StepContext<Params>) => `firedrill-partition-${ctx.runId.slice(-10).toLowerCase()}-${ctx.stepIndex}-${ctx.round}`;

function policy(ctx: StepContext<Params>, t: FaultTarget): V1NetworkPolicy {
  const types = ctx.params.direction === "both" ? ["Ingress", "Egress"] : ctx.params.direction === "ingress" ? ["Ingress"] : ["Egress"];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: policyName(ctx), namespace: t.namespace, labels: firedrillLabels(ctx.runId) },
    // No rules for the listed directions: everything in them is denied. The
    // selector excludes protected labels: a protected pod created later is not cut off.
    spec: { podSelector: parseLabelSelector(t.selector ?? t.name), policyTypes: types },
  };
}

/** Cuts pods off with a deny-all NetworkPolicy; revert deletes the policy. */
export const networkPartition = defineClusterFault({
  kind: "network-partition",
  label: "Network partition",
  backend: "kubernetes",
  description: "A deny-all NetworkPolicy cuts the selected pods off.",
  params: z.object({ direction: z.enum(["ingress", "egress", "both"]).default("both").meta({ title: "Direction" }) }),
  targetKind: "PodSelector",
  permissions: [
    { verb: "create", group: "networking.k8s.io", resource: "networkpolicies" },
    { verb: "delete", group: "networking.k8s.io", resource: "networkpolicies" },
  ],
  undo: z.object({ policy: z.string(), namespace: z.string() }),
  objectOf: (ctx, t) => ({ kind: "NetworkPolicy", namespace: t.namespace, name: policyName(ctx) }),
  async dryRun(ctx, t) {
    await k8s(`creating a NetworkPolicy in ${t.namespace} (dry run)`, () => ctx.client.networking.createNamespacedNetworkPolicy({ namespace: t.namespace!, body: policy(ctx, t), dryRun: DRY_RUN }));
  },
  async plan(ctx, t) {
    return { policy: policyName(ctx), namespace: t.namespace! };
  },
  async apply(ctx, t) {
    await k8s(`creating NetworkPolicy ${t.namespace}/${policyName(ctx)}`, () => ctx.client.networking.createNamespacedNetworkPolicy({ namespace: t.namespace!, body: policy(ctx, t) }));
  },
  async revert(ctx, _t, undo) {
    await k8sOrGone(`deleting NetworkPolicy ${undo.namespace}/${undo.policy}`, () => ctx.client.networking.deleteNamespacedNetworkPolicy({ name: undo.policy, namespace: undo.namespace }));
  },
  async inspect(ctx, _t, undo) {
    const p = await k8sOrGone("reading the NetworkPolicy", () => ctx.client.networking.readNamespacedNetworkPolicy({ name: undo.policy, namespace: undo.namespace }));
    return p ? "present" : "absent";
  },
  async confirm(ctx, t, undo, phase) {
    const p = await k8sOrGone("reading the NetworkPolicy", () => ctx.client.networking.readNamespacedNetworkPolicy({ name: undo.policy, namespace: undo.namespace }));
    if (phase === "recovered") return p ? pendingConfirmation(`NetworkPolicy ${undo.namespace}/${undo.policy} is still there.`) : confirmed(`NetworkPolicy ${undo.namespace}/${undo.policy} is deleted.`);
    if (!p) return failedToTakeEffect(`NetworkPolicy ${undo.namespace}/${undo.policy} is gone: something deleted it.`);
    const pods = await k8s(`listing the pods ${t.selector ?? t.name} selects`, () => ctx.client.core.listNamespacedPod({ namespace: undo.namespace, labelSelector: t.selector ?? t.name }));
    const n = pods.items.filter((x) => !x.metadata?.deletionTimestamp).length;
    // The API shows the policy and what it selects; enforcing it is the network plugin's work.
    return n > 0 ? confirmed(`NetworkPolicy ${undo.policy} is in place and selects ${n} pod(s) (enforced by the cluster's network plugin).`) : failedToTakeEffect(`NetworkPolicy ${undo.policy} selects no pods.`);
  },
  created: {
    resource: "NetworkPolicy",
    async list(client, namespace) {
      const labelSelector = "firedrill.dev/run";
      const all = await k8s("listing NetworkPolicies", () => (namespace ? client.networking.listNamespacedNetworkPolicy({ namespace, labelSelector }) : client.networking.listNetworkPolicyForAllNamespaces({ labelSelector })));
      return all.items.map((p) => ({ namespace: p.metadata!.namespace!, name: p.metadata!.name!, runId: p.metadata!.labels!["firedrill.dev/run"] }));
    },
    async remove(client, namespace, name) {
      await k8sOrGone(`deleting NetworkPolicy ${namespace}/${name}`, () => client.networking.deleteNamespacedNetworkPolicy({ name, namespace }));
    },
  },
});

