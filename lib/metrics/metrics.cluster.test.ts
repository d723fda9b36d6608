// Metrics against the test bed's real Prometheus and demo service: PromQL
// checked by Prometheus, preflight refusing a broken steady state (and the
// audited override), a pod-kill run whose error-ratio probe breaches and
// recovers with computed time to detect / recover, and an abort condition
// stopping a run by itself.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Probe } from "@/lib/experiments/schemas";

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
const admin = adminClient();
const ns = () => testbed().demoNamespace;
// A short rate window so a few seconds of 503s show within the test's patience.
const errorRatio = '(sum(rate(http_requests_total{service="checkout",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{service="checkout"}[5s]))';

async function experiment(title: string, fault: { kind: string; params?: Record<string, unknown> }, targets: Record<string, unknown>, probes: { steadyState?: Probe[]; abortConditions?: Probe[] }, durationSec = 10) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment, getExperimentOrThrow } = await import("@/lib/experiments/experiments");
  const input = experimentSchema.parse({ gameDayId, title, hypothesis: "h", faults: [{ kind: fault.kind, params: fault.params ?? {} }], targets, durationSec, clusterId, ...probes });
  const { id } = await saveExperiment(user, input);
  return getExperimentOrThrow(user, id);
}

async function readyCheckout() {
  const pods = await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

/** Drives the engine loop (as the app's timer would) until the run has ended. */
async function tickUntilEnded(runId: string, timeoutMs = 90_000) {
  const { engineTick } = await import("@/lib/runs/engine/engine-loop");
  const { db } = await import("@/lib/db/client");
  await eventually(async () => {
    await engineTick();
    const r = await db.run.findUniqueOrThrow({ where: { id: runId } });
    return ["completed", "aborted", "failed"].includes(r.status);
  }, "the run ended", timeoutMs);
  return db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: { orderBy: { at: "asc" } }, ledger: true } });
}

async function steadyErrorRatioIsZero() {
  const { sourceFor } = await import("@/lib/metrics/sources");
  const { promQuery } = await import("@/lib/metrics/prometheus");
  const src = (await sourceFor(user.teamId, clusterId))!;
  // The previous test's errors must have left the 60 s baseline window (which holds the 30 s
  // preflight window): a replacement pod on the bed's real node takes a few seconds to serve.
  await eventually(async () => {
    const r = await promQuery(src.endpoint, `max_over_time((${errorRatio})[60s:1s])`);
    return (await readyCheckout()) === 3 && r.ok && r.data.value === 0;
  }, "checkout is healthy and its error ratio has been 0 for 60 s", 180_000);
}

beforeAll(async () => {
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
  clusterId = (await createConnection(user, { name: "Metrics bed", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Metrics tests", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
  await createSource(user, createSourceSchema.parse({ name: "Bed Prometheus", url: testbed().prometheus, clusterId }));
  await eventually(async () => (await readyCheckout()) === 3, "checkout has 3 ready pods");
});

describe("metrics source and PromQL", () => {
  it("Test shows Prometheus' version and runs a real query", async () => {
    const { listSources, testSource } = await import("@/lib/metrics/sources");
    const [s] = await listSources(user);
    const report = await testSource(user, s.id);
    expect(report).toMatchObject({ ok: true });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.targetsUp).toBeGreaterThan(0);
  });

  it("Prometheus itself refuses invalid PromQL before the experiment is saved, per field", async () => {
    const bad = { name: "Broken", query: "sum(rate(http_requests_total[1m]", comparator: "<" as const, threshold: 1, windowSec: 5 };
    const many = { name: "Every target", query: "up", comparator: "<" as const, threshold: 1, windowSec: 5 };
    const error = await experiment("bad probes", { kind: "pod-kill" }, { namespace: ns(), labelSelector: "app=checkout" }, { steadyState: [bad], abortConditions: [many] }).catch((e) => e);
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors["steadyState.0.query"]).toMatch(/parse error/);
    expect(error.fieldErrors["abortConditions.0.query"]).toMatch(/series; a probe needs one/);
  });
});

describe("preflight", () => {
  it("refuses to inject when the steady state does not hold; a facilitator's override is audited", async () => {
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { db } = await import("@/lib/db/client");
    // Earlier suites kill and restart checkout pods: start from a whole deployment, so "nothing was touched" means something.
    await eventually(async () => (await readyCheckout()) === 3, "checkout at 3 ready pods before the test");
    const tooMany: Probe = { name: "Five ready replicas", query: 'min(demo_service_ready_replicas{service="checkout"})', comparator: ">=", threshold: 5, windowSec: 5 };
    const exp = await experiment("needs 5 replicas", { kind: "pod-kill", params: { gracePeriodSeconds: 0 } }, { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, { steadyState: [tooMany] });
    const runsBefore = await db.run.count();
    const refused = await startRun(user, exp.id).catch((e) => e);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/steady state does not hold.*Five ready replicas = \d does not hold \(>= 5 over 5 s\)/);
    expect(refused.fieldErrors.overrideSteadyState).toBeTruthy();
    expect(await db.run.count()).toBe(runsBefore);
    expect(await readyCheckout()).toBe(3);

    const { runId } = await startRun(user, exp.id, { overrideSteadyState: true });
    const events = await db.runEvent.findMany({ where: { runId } });
    expect(events.some((e) => e.message.includes("overrode it and started anyway"))).toBe(true);
    expect(await db.auditLog.count({ where: { action: "run.steady-state-overridden", targetId: runId } })).toBe(1);
    await endRun(user, runId, "stop", "override checked");
    await eventually(async () => (await readyCheckout()) === 3, "checkout back to 3");
  });
});

describe("a pod-kill run measured by Prometheus", () => {
  it("the error-ratio probe breaches and recovers; time to detect and to recover are computed and snapshotted", async () => {
    await steadyErrorRatioIsZero();
    const probe: Probe = { name: "Error ratio", query: errorRatio, comparator: "<", threshold: 0.01, windowSec: 30 };
    // Two of three pods: one Ready pod serves 10 of the 20 rps, the rest are 503s until replacements are Ready.
    const exp = await experiment("kill two checkout pods", { kind: "pod-kill", params: { gracePeriodSeconds: 0 } }, { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 2 } }, { steadyState: [probe] }, 10);
    const { startRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    const run = await tickUntilEnded(runId);
    expect(run.status).toBe("completed");
    expect(run.ledger.every((l) => l.state === "reverted")).toBe(true);

    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    let impact: Awaited<ReturnType<typeof loadRunMetrics>>["impact"] = null;
    await eventually(async () => {
      impact = (await loadRunMetrics(runId)).impact;
      return impact?.probes[0]?.recoveredAt != null;
    }, "the error ratio is back under 1%", 90_000);
    const m = impact!.probes[0];
    expect(m.breached).toBe(true);
    expect(m.held).toBe(false);
    expect(impact!.hypothesisHeld).toBe(false);
    expect(m.baseline).toBe(0);
    expect(m.peak!.value).toBeGreaterThan(0.01);
    expect(m.timeToDetectSec).toBeGreaterThanOrEqual(0);
    expect(m.timeToRecoverSec).toBeGreaterThan(0);
    expect(m.recoveredAt!).toBeGreaterThan(m.firstBreachAt!);
    console.log(`pod-kill: time to detect ${m.timeToDetectSec} s, time to recover ${m.timeToRecoverSec} s, peak ${m.peak!.value}`);

    const { snapshotRun } = await import("@/lib/metrics/snapshot-run");
    expect(await snapshotRun(runId)).toBe(1);
    const { db } = await import("@/lib/db/client");
    const snap = await db.runMetricSnapshot.findUniqueOrThrow({ where: { runId_probeKey: { runId, probeKey: "steadyState:0" } } });
    const points = snap.points as [number, number | null][];
    expect(points.some(([, v]) => v !== null && v > 0.01)).toBe(true);
    // Later views read the snapshot, not Prometheus.
    const view = await loadRunMetrics(runId);
    expect(view.state).toBe("snapshot");
    expect(view.impact!.probes[0].firstBreachAt).toBe(m.firstBreachAt);
    // The report draws the same series, with the fault window, from the snapshot.
    const { reportChartsByRun } = await import("@/lib/metrics/report-charts");
    const [chart] = (await reportChartsByRun(gameDayId)).get(runId)!;
    expect(chart.title).toBe("Error ratio (holds when < 0.01 over 30 s)");
    expect(chart.series[0].points.some(([, v]) => v > 0.01)).toBe(true);
    expect(chart.faultWindow!.start).toBeLessThanOrEqual(m.firstBreachAt! * 1000);
    expect(chart.faultWindow!.end).toBeGreaterThan(chart.faultWindow!.start);
  });
});

describe("abort conditions", () => {
  it("an abort condition that trips stops the run by itself, reverts, and the timeline names it with the value", async () => {
    await steadyErrorRatioIsZero();
    const abort: Probe = { name: "Error ratio too high", query: errorRatio, comparator: ">", threshold: 0.5, windowSec: 3 };
    const exp = await experiment("scale checkout to 0", { kind: "scale-down", params: { replicas: 0 } }, { namespace: ns(), labelSelector: "app=checkout", owner: { kind: "Deployment", name: "checkout" } }, { abortConditions: [abort] }, 300);
    const { startRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, exp.id);
    const run = await tickUntilEnded(runId);
    expect(run.status).toBe("aborted");
    const line = run.events.find((e) => e.type === "abort")!.message;
    expect(line).toMatch(/^Abort condition tripped: Error ratio too high > 0\.5 over 3 s: (0\.[5-9]\d*|1)$/);
    expect(run.endedAt!.getTime()).toBeLessThan(run.endsAt!.getTime());
    expect(run.ledger.every((l) => l.state === "reverted")).toBe(true);
    expect((await admin.apps.readNamespacedDeployment({ name: "checkout", namespace: ns() })).spec!.replicas).toBe(3);
    await eventually(async () => (await readyCheckout()) === 3, "checkout back to 3 ready pods");
  });
});
