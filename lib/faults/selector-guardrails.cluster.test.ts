// Guardrails see every pod a fault really touches, against the real test bed:
// a selector fault carries the pods it resolves to (preview, cap and ledger
// count them) and the objects Firedrill creates exclude protected labels, so a
// backend that evaluates the selector again cannot reach a protected pod;
// protected objects are left out BEFORE sampling, so a random draw never
// refuses a run by chance; a node drain never evicts what the guardrails
// protect, and an empty node selector is not "every node".
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed } from "@/lib/testing/testbed";
import type { ClusterClient } from "@/lib/k8s/client";
import { ledgerOf, IN_CLUSTER_RUN, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";

const ns = () => testbed().demoNamespace;
const APP = "fd-forty";
const PROTECTED = "firedrill.dev/protected";
let admin: ClusterClient;
let f: RunFixture;

/** A deterministic random source (mulberry32), so "many draws" are the same draws on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const label = (name: string, value: string | null) =>
  admin.core.patchNamespacedPod({ name, namespace: ns(), body: { metadata: { labels: { [PROTECTED]: value } } } }, admin.mergePatch);

async function setCap(maxTargets: number) {
  const { saveGuardrails } = await import("@/lib/k8s/connections");
  const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
  await saveGuardrails(f.user, f.clusterId, guardrailsSchema.parse({ maxTargets }));
}

async function previewOfInput(exp: { id: string; gameDayId: string; title: string; faults: unknown; targets: unknown; durationSec: number; clusterId: string | null }) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { previewExperiment } = await import("@/lib/runs/engine/preview");
  const input = experimentSchema.parse({ gameDayId: exp.gameDayId, experimentId: exp.id, title: exp.title, hypothesis: "h", faults: exp.faults, targets: exp.targets, durationSec: exp.durationSec, clusterId: exp.clusterId });
  return previewExperiment(f.user, input);
}

describe.runIf(IN_CLUSTER_RUN)("guardrails on the pods behind a selector", () => {
  const names = Array.from({ length: 40 }, (_, i) => `${APP}-${String(i).padStart(2, "0")}`);
  const protectedNames = names.slice(0, 3);

  beforeAll(async () => {
    admin = adminClient();
    f = await runFixture("Selector guardrails");
    await admin.core.deleteCollectionNamespacedPod({ namespace: ns(), labelSelector: `app=${APP}`, gracePeriodSeconds: 0 });
    await eventually(async () => (await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: `app=${APP}` })).items.length === 0, "old fd-forty pods gone");
    for (const name of names) {
      const labels: Record<string, string> = { app: APP, ...(protectedNames.includes(name) ? { [PROTECTED]: "true" } : {}) };
      await admin.core.createNamespacedPod({ namespace: ns(), body: { metadata: { name, labels }, spec: { containers: [{ name: "app", image: "registry.firedrill.invalid/forty:1.0.0" }] } } });
    }
  });

  afterAll(async () => {
    if (!admin) return;
    await admin.core.deleteCollectionNamespacedPod({ namespace: ns(), labelSelector: `app=${APP}`, gracePeriodSeconds: 0 });
    await setCap(10);
  });

  it("40 labelled pods, 3 protected, under a Chaos Mesh selector: preview lists 37, the cap counts 37, the PodChaos excludes the protected label", async () => {
    const exp = await saveExperiment(f, "pod-failure on forty", [{ kind: "chaos-mesh-pod", params: { action: "pod-failure" } }], { namespace: ns(), labelSelector: `app=${APP}`, sample: { mode: "count", value: 1 } }, 120);

    await setCap(37);
    const [step] = await previewOfInput(exp);
    expect(step.problems).toEqual([]);
    expect(step.page.map((t) => t.name).sort()).toEqual(names.slice(3));
    expect(step.excluded.map((t) => t.name).sort()).toEqual(protectedNames);

    // The cap counts the 37 pods the selector stands for, not one selector.
    await setCap(36);
    expect((await previewOfInput(exp))[0].problems.join(" ")).toMatch(/37 targets is over this cluster's blast-radius cap of 36/);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    await expect(startRun(f.user, exp.id)).rejects.toThrow(/37 targets is over this cluster's blast-radius cap of 36/);

    await setCap(37);
    const { runId } = await startRun(f.user, exp.id);
    try {
      const [entry] = await ledgerOf(runId);
      const target = entry.target as { pods?: { name: string }[] };
      expect(target.pods?.map((p) => p.name).sort()).toEqual(names.slice(3));
      const { customObjects } = await import("@/lib/faults/builders/custom-resource");
      const list = (await customObjects(admin).listNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "podchaos", namespace: ns(), labelSelector: `firedrill.dev/run=${runId}` })) as { items: { spec: { selector: { labelSelectors?: Record<string, string>; expressionSelectors?: unknown[] } } }[] };
      expect(list.items).toHaveLength(1);
      expect(list.items[0].spec.selector.labelSelectors).toEqual({ app: APP });
      expect(list.items[0].spec.selector.expressionSelectors).toContainEqual({ key: PROTECTED, operator: "NotIn", values: ["true"] });
    } finally {
      await endRun(f.user, runId, "stop", "test done");
    }
  });

  it("a NetworkPolicy's pod selector excludes the protected label too", async () => {
    await setCap(40);
    const exp = await saveExperiment(f, "cut off forty", [{ kind: "network-partition", params: { direction: "ingress" } }], { namespace: ns(), labelSelector: `app=${APP}` }, 60);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(f.user, exp.id);
    try {
      const policies = (await admin.networking.listNamespacedNetworkPolicy({ namespace: ns(), labelSelector: `firedrill.dev/run=${runId}` })).items;
      expect(policies).toHaveLength(1);
      expect(policies[0].spec?.podSelector).toEqual({ matchLabels: { app: APP }, matchExpressions: [{ key: PROTECTED, operator: "NotIn", values: ["true"] }] });
    } finally {
      await endRun(f.user, runId, "stop", "test done");
    }
  });

  it("the demo's 'Kill one checkout pod' with one of three pods protected is never refused by the draw", async () => {
    await setCap(10);
    const pods = (await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" })).items.filter((p) => !p.metadata?.deletionTimestamp);
    const guarded = pods[0].metadata!.name!;
    await label(guarded, "true");
    try {
      const exp = await saveExperiment(f, "Kill one checkout pod", [{ kind: "pod-kill", params: { gracePeriodSeconds: 0 } }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, 120);
      const { planSteps } = await import("@/lib/runs/engine/plan-steps");
      const { clientForCluster } = await import("@/lib/k8s/connections");
      const { client, guardrails } = await clientForCluster(f.clusterId);
      const drawn = new Set<string>();
      for (let seed = 1; seed <= 40; seed++) {
        const [step] = await planSteps({ client, guardrails, experiment: exp, runId: "preview", random: seeded(seed) });
        expect(step.problems, `seed ${seed}`).toEqual([]);
        expect(step.chosen, `seed ${seed}`).toHaveLength(1);
        drawn.add(step.chosen[0].name);
      }
      expect(drawn.has(guarded)).toBe(false);
      expect(drawn.size).toBe(2); // both eligible pods were drawn at some point
      const [step] = await previewOfInput(exp);
      expect(step.excluded.map((t) => t.name)).toEqual([guarded]);
    } finally {
      await label(guarded, null);
    }
  });

  describe("node drain", () => {
    let fa: RunFixture;
    beforeAll(async () => {
      // As the cluster admin, RBAC would allow evicting anything: only the guardrails protect.
      fa = await runFixture("Drain as admin", { kubeconfig: fs.readFileSync(testbed().kubeconfig, "utf8") });
    });

    it("an empty node selector is refused, not 'every node'", async () => {
      const exp = await saveExperiment(fa, "drain everything", [{ kind: "node-drain", params: { gracePeriodSeconds: 0 } }], {}, 60);
      const { startRun, endRun } = await import("@/lib/runs/runs");
      const started: { runId: string } | Error = await startRun(fa.user, exp.id).catch((e: Error) => e);
      if (!(started instanceof Error)) await endRun(fa.user, started.runId, "stop", "should not have started");
      expect(started).toBeInstanceOf(Error);
      expect((started as Error).message).toMatch(/node/i);
      expect((await admin.core.listNode()).items.every((n) => !n.spec?.unschedulable)).toBe(true);
    });

    it("evicts neither pods in protected namespaces nor pods carrying the protected label", async () => {
      const ready = async (namespace: string, app: string) =>
        (await admin.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` })).items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
      // Start from a whole cluster, so no PodDisruptionBudget would refuse these evictions anyway.
      await eventually(async () => (await ready("kube-system", "coredns")).length === 2 && (await ready(ns(), "catalog")).length === 2 && (await ready(ns(), "cart")).length === 2, "coredns, catalog and cart ready");
      const systemPod = (await ready("kube-system", "coredns"))[0];
      const node = systemPod.spec!.nodeName!;
      const onNode = (await admin.core.listNamespacedPod({ namespace: ns(), fieldSelector: `spec.nodeName=${node}` })).items.filter((p) => !p.metadata?.deletionTimestamp && ["catalog", "cart"].includes(p.metadata?.labels?.app ?? ""));
      expect(onNode.length).toBeGreaterThan(0);
      const guarded = onNode[0].metadata!.name!;
      // Checkout on this node is protected too, so the demo service keeps serving (the suites after this one measure it).
      const checkout = (await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout", fieldSelector: `spec.nodeName=${node}` })).items.map((p) => p.metadata!.name!);
      const read = (namespace: string, name: string) => admin.core.readNamespacedPod({ name, namespace }).catch(() => null);
      for (const name of [guarded, ...checkout]) await label(name, "true");
      const exp = await saveExperiment(fa, `drain ${node}`, [{ kind: "node-drain", params: { gracePeriodSeconds: 0 } }], { names: [node] }, 60);
      const { startRun, endRun } = await import("@/lib/runs/runs");
      let runId: string | null = null;
      try {
        runId = (await startRun(fa.user, exp.id)).runId;
        expect((await admin.core.readNode({ name: node })).spec?.unschedulable).toBe(true);
        const sys = await read("kube-system", systemPod.metadata!.name!);
        expect(sys?.metadata?.uid, "the coredns pod on the node").toBe(systemPod.metadata?.uid);
        expect(sys?.metadata?.deletionTimestamp).toBeFalsy();
        for (const name of [guarded, ...checkout]) {
          const kept = await read(ns(), name);
          expect(kept?.metadata?.deletionTimestamp, `the protected demo pod ${name}`).toBeFalsy();
        }
        // What is not protected on the node was evicted.
        for (const before of onNode.slice(1)) {
          const now = await read(ns(), before.metadata!.name!);
          expect(!now || Boolean(now.metadata?.deletionTimestamp) || now.metadata?.uid !== before.metadata?.uid, `${before.metadata!.name} evicted`).toBe(true);
        }
      } finally {
        if (runId) await endRun(fa.user, runId, "stop", "test done");
        for (const name of [guarded, ...checkout]) await label(name, null).catch(() => undefined);
        await admin.core.patchNode({ name: node, body: { spec: { unschedulable: null } } }, admin.mergePatch);
      }
    });
  });
});
