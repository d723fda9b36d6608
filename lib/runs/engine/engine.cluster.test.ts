// The fault engine against the real test-bed cluster: preview matches what
// apply touches, the effect is visible through the API, and after revert the
// objects equal their snapshot (or their controller restored them).
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
const admin = adminClient();
const ns = () => testbed().demoNamespace;

async function experiment(title: string, faults: { kind: string; params?: Record<string, unknown> }[], targets: Record<string, unknown>, durationSec = 120) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment, getExperimentOrThrow } = await import("@/lib/experiments/experiments");
  const input = experimentSchema.parse({ gameDayId, title, hypothesis: "h", faults: faults.map((f) => ({ kind: f.kind, params: f.params ?? {} })), targets, durationSec, clusterId });
  const { id } = await saveExperiment(user, input);
  return getExperimentOrThrow(user, id);
}

async function ledger(runId: string) {
  const { db } = await import("@/lib/db/client");
  return db.ledgerEntry.findMany({ where: { runId } });
}

async function readyPods(app: string) {
  const pods = await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: `app=${app}` });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
}

beforeAll(async () => {
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  clusterId = (await createConnection(user, { name: "Test bed", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Cluster tests", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
  await eventually(async () => (await readyPods("checkout")).length === 3, "checkout has 3 ready pods");
});

describe("cluster connection", () => {
  it("reports the server version, permissions per fault kind and the installed chaos backends", async () => {
    const { testConnection } = await import("@/lib/k8s/test-connection");
    const report = await testConnection(user, clusterId, ns());
    expect(report.ok).toBe(true);
    expect(report.version).toMatch(/^v1\.\d+/);
    expect(report.permissions.find((p) => p.kind === "pod-kill")).toMatchObject({ allowed: true });
    const kubeSystem = await testConnection(user, clusterId, "kube-system");
    expect(kubeSystem.permissions.find((p) => p.kind === "pod-kill")).toMatchObject({ allowed: false, missing: ["delete pods"] });
    expect(report.backends.map((b) => [b.name, b.present])).toEqual([["Chaos Mesh", true], ["Istio", true], ["LitmusChaos", true]]);
    expect(report.backends[0].kinds).toContain("PodChaos");
  });

  it("checks every permission a fault needs: scale-down scales StatefulSets too", async () => {
    const { testConnection } = await import("@/lib/k8s/test-connection");
    const report = await testConnection(user, clusterId, ns());
    // The bed grants deployments/scale but not statefulsets/scale in demo.
    expect(report.permissions.find((p) => p.kind === "scale-down")?.missing.join(" ")).toMatch(/patch apps\/statefulsets\/scale/);
  });

  it("stores the kubeconfig encrypted and never returns it", async () => {
    const { db } = await import("@/lib/db/client");
    const row = await db.clusterConnection.findUniqueOrThrow({ where: { id: clusterId } });
    expect(row.encryptedConfig).toMatch(/^v1:/);
    expect(row.encryptedConfig).not.toContain("apiVersion");
    const { listConnections } = await import("@/lib/k8s/connections");
    expect(JSON.stringify(await listConnections(user))).not.toContain("certificate");
  });
});

describe("preflight refuses before anything is touched", () => {
  it("refuses protected namespaces, empty selections and a blast radius over the cap", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const { db } = await import("@/lib/db/client");
    const before = await db.run.count();
    const sys = await experiment("kube-system kill", [{ kind: "pod-kill" }], { namespace: "kube-system", labelSelector: "app=coredns" });
    await expect(startRun(user, sys.id)).rejects.toThrow(/protected/);
    const none = await experiment("nothing", [{ kind: "pod-kill" }], { namespace: ns(), labelSelector: "app=does-not-exist" });
    await expect(startRun(user, none.id)).rejects.toThrow(/matches nothing/);
    const wide = await experiment("too wide", [{ kind: "pod-kill" }], { namespace: ns(), labelSelector: "" });
    const { saveGuardrails } = await import("@/lib/k8s/connections");
    const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
    await saveGuardrails(user, clusterId, guardrailsSchema.parse({ maxTargets: 2 }));
    await expect(startRun(user, wide.id)).rejects.toThrow(/blast-radius cap of 2/);
    await saveGuardrails(user, clusterId, guardrailsSchema.parse({}));
    expect(await db.run.count()).toBe(before);
    expect((await readyPods("checkout")).length).toBe(3);
  });
});

describe("drivers", () => {
  it("pod-kill: preview matches what apply touches; the ReplicaSet replaces the pod", async () => {
    const exp = await experiment("kill one checkout pod", [{ kind: "pod-kill" }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } });
    const { planSteps } = await import("@/lib/runs/engine/plan-steps");
    const { clientForCluster } = await import("@/lib/k8s/connections");
    const { client, guardrails } = await clientForCluster(clusterId);
    const preview = await planSteps({ client, guardrails, experiment: exp, runId: "preview" });
    expect(preview[0].matched.map((t) => t.name).sort()).toEqual((await readyPods("checkout")).map((p) => p.metadata!.name!).sort());
    expect(preview[0].chosen).toHaveLength(1);
    expect(preview[0].problems).toEqual([]);

    const { startRun, endRun } = await import("@/lib/runs/runs");
    const before = new Set((await readyPods("checkout")).map((p) => p.metadata!.uid));
    const { runId } = await startRun(user, exp.id);
    const entries = await ledger(runId);
    expect(entries).toHaveLength(1);
    expect(entries[0].state).toBe("applied");
    const killed = (entries[0].target as { name: string }).name;
    await eventually(async () => !(await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" })).items.some((p) => p.metadata?.name === killed), "the killed pod is gone");
    await endRun(user, runId, "stop", "test done");
    await eventually(async () => {
      const ready = await readyPods("checkout");
      return ready.length === 3 && ready.some((p) => !before.has(p.metadata!.uid));
    }, "the ReplicaSet recreated the pod");
    expect((await ledger(runId)).every((e) => e.state === "reverted")).toBe(true);
  });

  it("scale-down: replicas drop, and revert restores the exact count", async () => {
    const snapshot = (await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas;
    const exp = await experiment("scale catalog to 0", [{ kind: "scale-down", params: { replicas: 0 } }], { namespace: ns(), labelSelector: "app=catalog", owner: { kind: "Deployment", name: "catalog" } });
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    expect((await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas).toBe(0);
    await endRun(user, runId, "stop", "");
    expect((await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas).toBe(snapshot);
    await eventually(async () => (await readyPods("catalog")).length === snapshot, "catalog back to its replicas");
  });

  it("network-partition: a deny-all NetworkPolicy exists during the run and is gone after", async () => {
    const exp = await experiment("cut checkout off", [{ kind: "network-partition", params: { direction: "ingress" } }], { namespace: ns(), labelSelector: "app=checkout" });
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    const policies = await admin.networking.listNamespacedNetworkPolicy({ namespace: ns() });
    const ours = policies.items.filter((p) => p.metadata?.labels?.["firedrill.dev/run"] === runId);
    expect(ours).toHaveLength(1);
    expect(ours[0].spec).toMatchObject({ podSelector: { matchLabels: { app: "checkout" } }, policyTypes: ["Ingress"] });
    await endRun(user, runId, "stop", "");
    const after = await admin.networking.listNamespacedNetworkPolicy({ namespace: ns() });
    expect(after.items.filter((p) => p.metadata?.labels?.["firedrill.dev/run"] === runId)).toHaveLength(0);
  });

  it("node-drain: cordons, evicts honouring the PodDisruptionBudget, and uncordons on revert", async () => {
    const nodes = (await admin.core.listNode()).items;
    const node = nodes.find((n) => n.metadata?.labels?.["topology.kubernetes.io/zone"] === "zone-a") ?? nodes[0];
    const name = node.metadata!.name!;
    const exp = await experiment("drain a node", [{ kind: "node-drain", params: { drain: true, gracePeriodSeconds: 0 } }], { names: [name] });
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    expect((await admin.core.readNode({ name })).spec?.unschedulable).toBe(true);
    // The checkout PDB (minAvailable 2) keeps at least two checkout pods ready throughout.
    expect((await readyPods("checkout")).length).toBeGreaterThanOrEqual(2);
    await endRun(user, runId, "stop", "");
    expect((await admin.core.readNode({ name })).spec?.unschedulable ?? false).toBe(node.spec?.unschedulable ?? false);
  });

  it("rollout-restart: the deployment rolls out new pods", async () => {
    const before = (await admin.apps.readNamespacedDeployment({ name: "cart", namespace: ns() })).metadata!.generation!;
    const exp = await experiment("restart cart", [{ kind: "rollout-restart" }], { namespace: ns(), labelSelector: "app=cart" });
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    const d = await admin.apps.readNamespacedDeployment({ name: "cart", namespace: ns() });
    expect(d.metadata!.generation!).toBeGreaterThan(before);
    expect(d.spec?.template?.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBeTruthy();
    await endRun(user, runId, "stop", "");
    await eventually(async () => (await readyPods("cart")).length === 2, "cart rolled out and ready");
  });
});

describe("crash safety", () => {
  it("a run whose process died is taken over: everything it applied is reverted", async () => {
    const exp = await experiment("orphaned scale-down", [{ kind: "scale-down", params: { replicas: 0 } }], { namespace: ns(), labelSelector: "app=catalog", owner: { kind: "Deployment", name: "catalog" } });
    const snapshot = (await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas;
    const { startRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    expect((await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas).toBe(0);
    // Pretend the process that started it died: its lease lapsed and it is another process's.
    const { db } = await import("@/lib/db/client");
    await db.run.update({ where: { id: runId }, data: { leaseOwner: "dead-host:1:x", leaseExpiresAt: new Date(Date.now() - 1000) } });
    const { engineTick } = await import("@/lib/runs/engine/engine-loop");
    await engineTick();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("aborted");
    expect((await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas).toBe(snapshot);
    expect((await ledger(runId)).every((e) => e.state === "reverted")).toBe(true);
  });
});
