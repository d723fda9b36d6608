// Trust III against the test bed's real node: every fault is confirmed in effect,
// or reported "failed to take effect" with the cluster's own reason, from what the
// kubelet, the runtime and the Chaos Mesh controller report; a run whose fault never
// took effect is inconclusive. Faults run through the engine as a GameDay runs them
// (startRun, then the engine's confirmation pass), never by calling drivers directly.
import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
const admin = adminClient();
const ns = () => testbed().demoNamespace;
const env = () => testbed() as ReturnType<typeof testbed> & { realNode?: string; chaosMeshController?: string };
const onRealNode = () => ({ namespace: ns(), labelSelector: "app=checkout", fieldSelector: `spec.nodeName=${env().realNode}` });

async function experiment(title: string, faults: { kind: string; params?: Record<string, unknown> }[], targets: Record<string, unknown>, durationSec = 120) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment, getExperimentOrThrow } = await import("@/lib/experiments/experiments");
  const input = experimentSchema.parse({ gameDayId, title, hypothesis: "checkout keeps serving", faults: faults.map((f) => ({ kind: f.kind, params: f.params ?? {} })), targets, durationSec, clusterId });
  const { id } = await saveExperiment(user, input);
  return getExperimentOrThrow(user, id);
}

async function entries(runId: string) {
  const { db } = await import("@/lib/db/client");
  return db.ledgerEntry.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
}

/** Runs the engine's confirmation pass until every entry of the run has a verdict other than "checking". */
async function settle(runId: string, field: "effect" | "recovery", timeoutMs = 150_000) {
  const { confirmRun } = await import("./confirm-faults");
  await eventually(async () => {
    await confirmRun(runId);
    const rows = await entries(runId);
    return rows.length > 0 && rows.every((e) => e[field] !== null && e[field] !== "checking");
  }, `every ${field} of run ${runId} decided`, timeoutMs);
  return entries(runId);
}

async function events(runId: string) {
  const { db } = await import("@/lib/db/client");
  return (await db.runEvent.findMany({ where: { runId }, orderBy: { at: "asc" } })).map((e) => `${e.type}: ${e.message}`);
}

async function stop(runId: string) {
  const { endRun } = await import("@/lib/runs/runs");
  await endRun(user, runId, "stop", "test done");
}

async function readyCheckout() {
  const pods = await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
}

async function realReplicaReady() {
  await eventually(async () => (await readyCheckout()).some((p) => p.spec?.nodeName === env().realNode), "checkout's real replica is Ready", 120_000);
}

async function promQuery(q: string): Promise<number> {
  const res = await fetch(`${testbed().prometheus}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return Math.max(0, ...body.data.result.map((r) => Number(r.value[1])));
}

beforeAll(async () => {
  if (!env().realNode) throw new Error("These tests need the bed's real node (TESTBED_REAL_NODE is off).");
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  clusterId = (await createConnection(user, { name: "Test bed (confirm)", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Confirmation tests", goals: "g", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  await realReplicaReady();
}, 180_000);

// A test's stop replaces the pod it changed (an ephemeral container cannot be removed), and
// "recovered" is about the fault, not the replacement's start: the next test that selects the
// real node's pod waits for the new one, or it would find none (seen on the PostgreSQL pass).
beforeEach(realReplicaReady, 150_000);

describe("ephemeral-container faults on a real container", () => {
  it("stress with the default image runs without a shell: confirmed in effect, and cAdvisor shows its CPU", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const exp = await experiment("stress the real checkout pod", [{ kind: "stress", params: { cpuWorkers: 1 } }], onRealNode(), 60);
    const { runId } = await startRun(user, exp.id);
    const [e] = await settle(runId, "effect");
    expect(e.effect, e.effectDetail ?? "").toBe("confirmed");
    expect(e.effectDetail).toMatch(/running since/);
    const pod = (e.target as { name: string }).name;
    await eventually(async () => (await promQuery(`sum(rate(container_cpu_usage_seconds_total{job="kubelet-cadvisor",namespace="${ns()}",pod="${pod}",container=~"firedrill-stress-.*"}[20s]))`)) > 0.3, "the stressor's CPU in cAdvisor above 0.3 cores", 90_000);
    expect(await events(runId)).toContainEqual(expect.stringMatching(/^confirm: Confirmed in effect: stress on Pod/));
    await stop(runId);
    const [after] = await settle(runId, "recovery");
    expect(after.recovery, after.recoveryDetail ?? "").toBe("recovered");
  }, 300_000);

  it("a shell command in the shell-less stress image never starts: failed to take effect with the runtime's reason, and the run is inconclusive", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    // network-delay runs `sh -c …`; given the stress image (no shell) it is exactly the old stress spec.
    const exp = await experiment("sh -c in stress-ng", [{ kind: "network-delay", params: { image: "ghcr.io/alexei-led/stress-ng:latest" } }], onRealNode(), 60);
    const { runId } = await startRun(user, exp.id);
    const [e] = await settle(runId, "effect");
    expect(e.effect).toBe("failed");
    expect(e.effectDetail).toMatch(/sh.*(not found|no such file)/i);
    expect(await events(runId)).toContainEqual(expect.stringMatching(/^error: Fault did not take effect: network-delay on Pod/));
    const { getRunOrThrow } = await import("@/lib/runs/run-views");
    const view = await getRunOrThrow(user, runId);
    expect(view.faultAlert?.failures[0].detail).toBe(e.effectDetail);
    expect(view.confirmation.inconclusive).toMatch(/^Inconclusive: the fault did not take effect/);
    await stop(runId);
    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    const metrics = await loadRunMetrics(runId);
    expect(metrics.impact === null || metrics.impact.hypothesisHeld === null).toBe(true);
    // A crafted save of "held" is refused; nothing is written.
    const { saveMeasuredImpact, measuredSchema } = await import("@/lib/runs/measured");
    const input = measuredSchema.parse({ runId, severity: 1, userImpact: "none", alertFired: "", timeToDetectMin: "", timeToRecoverMin: "", hypothesisHeld: "held", notes: "" });
    await expect(saveMeasuredImpact(user, input)).rejects.toThrow(/Inconclusive: the fault did not take effect/);
    const { db } = await import("@/lib/db/client");
    expect(await db.measuredImpact.count({ where: { runId } })).toBe(0);
  }, 300_000);

  it("network delay with the nettools image runs and fails on this kernel (no netem): failed with tc's own message", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const exp = await experiment("netem on the real pod", [{ kind: "network-delay", params: { latencyMs: 200 } }], onRealNode(), 60);
    const { runId } = await startRun(user, exp.id);
    const [e] = await settle(runId, "effect");
    expect(e.effect).toBe("failed");
    expect(e.effectDetail).toMatch(/exited with code 2/);
    expect(e.effectDetail).toMatch(/Specified qdisc kind is unknown/);
    await stop(runId);
  }, 300_000);

  it("an image off the cluster's allow-list is refused before anything is touched", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const { db } = await import("@/lib/db/client");
    const exp = await experiment("own image", [{ kind: "stress", params: { image: "registry.attacker.example/miner:1" } }], onRealNode(), 60);
    const before = await db.run.count();
    await expect(startRun(user, exp.id)).rejects.toThrow(/not on this cluster's image allow-list/);
    expect(await db.run.count()).toBe(before);
  });
});

describe("Kubernetes API faults", () => {
  it("pod kill of the real container: confirmed by the pod's end and a new UID from its ReplicaSet, then recovered when the new pod is Ready", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const exp = await experiment("kill the real checkout pod", [{ kind: "pod-kill" }], onRealNode(), 60);
    const { runId } = await startRun(user, exp.id);
    const [e] = await settle(runId, "effect");
    expect(e.effect, e.effectDetail ?? "").toBe("confirmed");
    expect(e.effectDetail).toMatch(/replaced it with checkout-.* \(new UID\)/);
    await stop(runId);
    const [after] = await settle(runId, "recovery");
    expect(after.recovery, after.recoveryDetail ?? "").toBe("recovered");
    expect(after.recoveryDetail).toMatch(/Replacement checkout-.* is Ready/);
  }, 300_000);

  it("scale-down that something scales back is reported failed", async () => {
    const { startRun } = await import("@/lib/runs/runs");
    const exp = await experiment("scale catalog to 0", [{ kind: "scale-down", params: { replicas: 0 } }], { namespace: ns(), labelSelector: "app=catalog", owner: { kind: "Deployment", name: "catalog" } }, 60);
    const { runId } = await startRun(user, exp.id);
    const [e] = await settle(runId, "effect");
    expect(e.effect, e.effectDetail ?? "").toBe("confirmed");
    // Someone (an autoscaler) puts the replicas back while the run runs.
    await admin.apps.patchNamespacedDeploymentScale({ name: "catalog", namespace: ns(), body: { spec: { replicas: 2 } } }, admin.mergePatch);
    const { confirmRun, RECHECK_CONFIRMED_MS } = await import("./confirm-faults");
    await eventually(async () => {
      await confirmRun(runId, Date.now() + RECHECK_CONFIRMED_MS);
      return (await entries(runId))[0].effect === "failed";
    }, "the scale-back is seen");
    expect((await entries(runId))[0].effectDetail).toMatch(/wants 2 replicas, not 0/);
    await stop(runId);
  }, 300_000);
});

describe("Chaos Mesh, reconciled by the real controller", () => {
  it("PodChaos pod-kill is confirmed from the controller's records; StressChaos, which needs chaos-daemon, fails with the controller's reason", async () => {
    if (!env().chaosMeshController) throw new Error("The bed runs without the Chaos Mesh controller (TESTBED_CHAOS_MESH=0 turned it off).");
    const { startRun } = await import("@/lib/runs/runs");
    const kill = await experiment("PodChaos pod-kill", [{ kind: "chaos-mesh-pod", params: { action: "pod-kill" } }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, 60);
    const k = await startRun(user, kill.id);
    const [e] = await settle(k.runId, "effect");
    expect(e.effect, e.effectDetail ?? "").toBe("confirmed");
    expect(e.effectDetail).toMatch(/Chaos Mesh injected all 1 record\(s\) \(demo\/checkout-/);
    await stop(k.runId);
    const [gone] = await settle(k.runId, "recovery");
    expect(gone.recovery, gone.recoveryDetail ?? "").toBe("recovered");

    // The killed pod's replacement must be running before StressChaos picks among the pods.
    await eventually(async () => (await readyCheckout()).length === 3, "checkout back to 3 Ready pods", 120_000);
    const stress = await experiment("StressChaos", [{ kind: "chaos-mesh-stress", params: { cpuWorkers: 1, cpuLoad: 50 } }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, 60);
    const s = await startRun(user, stress.id);
    const [f] = await settle(s.runId, "effect");
    expect(f.effect).toBe("failed");
    // The controller's own reason: on the real pod no chaos-daemon runs to inject into its
    // container; on a KWOK pod there is no container at all (its status carries no container ID).
    expect(f.effectDetail).toMatch(/^Chaos Mesh failed to inject into demo\/checkout-[\w-]+(\/checkout)?: (.*"chaos-daemon" not found|container with id \S+ not found)/);
    await stop(s.runId);
  }, 400_000);
});
