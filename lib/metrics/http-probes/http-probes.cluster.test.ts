// HTTP probes against the test bed's checkout demo service: a scale-down to
// zero makes checkout answer 503 ("no healthy upstream"), the HTTP abort
// condition sees the success ratio fall, and the engine aborts the run and
// reverts; the probe's series is charted and snapshotted. A host the cluster
// does not allow is refused at save and never called during a run.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed, testUser, tickUntil } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

const ns = () => testbed().demoNamespace;
const admin = adminClient();
let user: SessionUser;
let clusterId: string;
let gameDayId: string;

const checkoutUrl = () => `${testbed().demoService}/checkout`;
const httpProbe = (name: string, comparator: ">=" | "<", threshold: number, windowSec: number, url = checkoutUrl()) => ({ kind: "http" as const, name, query: "", comparator, threshold, windowSec, http: { url, method: "GET" as const, expectedStatus: 200, maxLatencyMs: 2000, intervalSec: 1 } });

async function readyCheckout() {
  const pods = await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

async function save(title: string, probes: { steadyState: unknown[]; abortConditions: unknown[] }, durationSec = 180) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const input = experimentSchema.parse({ gameDayId, title, hypothesis: "Checkout keeps answering", faults: [{ kind: "scale-down", params: { replicas: 0 } }], targets: { namespace: ns(), names: ["checkout"] }, durationSec, clusterId, ...probes });
  return (await saveExperiment(user, input)).id;
}

const run = async (runId: string) => {
  const { db } = await import("@/lib/db/client");
  return db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: { orderBy: { at: "asc" } } } });
};

beforeAll(async () => {
  user = await testUser();
  const { createConnection, saveGuardrails } = await import("@/lib/k8s/connections");
  const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  clusterId = (await createConnection(user, { name: "HTTP probes bed", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  await saveGuardrails(user, clusterId, guardrailsSchema.parse({ protectedNamespaces: ["kube-system"], probeHosts: [new URL(testbed().demoService).hostname] }));
  gameDayId = (await createGameDay(user, { title: "HTTP probe tests", goals: "g", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
}, 60_000);

describe("an HTTP probe aimed at checkout", () => {
  it("breaches during a scale-down to zero and aborts the run, which reverts; its series is charted and snapshotted", async () => {
    await eventually(async () => (await readyCheckout()) === 3, "checkout has 3 ready pods", 180_000);
    const { startRun } = await import("@/lib/runs/runs");
    const expId = await save("checkout to zero replicas", { steadyState: [httpProbe("Checkout answers", ">=", 0.9, 10)], abortConditions: [httpProbe("Checkout down", "<", 0.5, 5)] });
    const { runId } = await startRun(user, expId);
    const started = await run(runId);
    // Preflight called it: a burst that held.
    expect(started.events.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Checkout answers: 3 of 3 requests succeeded \(1\) holds \(>= 0\.9\), 3 requests now$/)]));

    await tickUntil(async () => !["running", "stopping"].includes((await run(runId)).status), "the HTTP abort condition aborted the run", 120_000);
    const ended = await run(runId);
    expect(ended.status).toBe("aborted");
    expect(ended.endCause).toBe("abort-condition");
    const abort = ended.events.find((e) => e.type === "abort");
    expect(abort?.message).toMatch(/^Abort condition tripped: Checkout down < 0\.5 over 5 s: \d+ of \d+ requests succeeded/);
    console.log(`http probes: ${abort?.message}`);
    // The run ended long before its 180 s: the condition, not the clock, ended it.
    expect(ended.endedAt!.getTime() - ended.startedAt!.getTime()).toBeLessThan(120_000);

    // Reverted: checkout is back to 3 replicas, and the probe sees it answer again after the end.
    const scale = await admin.apps.readNamespacedDeploymentScale({ namespace: ns(), name: "checkout" });
    expect(scale.spec?.replicas).toBe(3);
    const { db } = await import("@/lib/db/client");
    const failing = await db.httpProbeSample.findMany({ where: { runId, probeKey: "abortConditions:0", ok: false } });
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((s) => s.status === 503 && s.error === "HTTP 503, expected 200")).toBe(true);
    // Preflight's burst is the baseline; after the revert the probe goes on for the after window and sees checkout answer again.
    expect(await db.httpProbeSample.count({ where: { runId, probeKey: "steadyState:0", ok: true, at: { lt: ended.startedAt! } } })).toBe(3);
    await tickUntil(async () => (await db.httpProbeSample.count({ where: { runId, probeKey: "steadyState:0", ok: true, at: { gt: ended.endedAt! } } })) >= 3, "the probe answers again after the revert", 120_000);

    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    const { snapshotRun } = await import("@/lib/metrics/snapshot-run");
    expect(await snapshotRun(runId)).toBe(2);
    const view = await loadRunMetrics(runId);
    expect(view.state).toBe("snapshot");
    const steady = view.probes.find((p) => p.key === "steadyState:0")!;
    const values = steady.points.map(([, v]) => v).filter((v): v is number => v !== null);
    expect(Math.min(...values)).toBeLessThan(0.9);
    expect(values[0]).toBe(1); // the baseline, before injection
    const impact = view.impact!.probes.find((p) => p.name === "Checkout answers")!;
    expect(impact.breached).toBe(true);
    expect(impact.timeToDetectSec).not.toBeNull();
    expect(view.impact!.hypothesisHeld).toBe(false);
  }, 600_000);

  it("is refused at save when its host is not allowed, and an allowed host removed later is never called", async () => {
    const { AppError } = await import("@/lib/errors");
    const error = await save("calls an unlisted host", { steadyState: [httpProbe("Elsewhere", ">=", 0.9, 10, "http://127.0.0.2:9/")], abortConditions: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).fieldErrors?.["steadyState.0.http.url"]).toMatch(/127\.0\.0\.2 is not a host an admin allowed/);

    // Saved while allowed; the admin removes the host; the run's probe is then refused, once on the timeline, and nothing is sent.
    const { saveGuardrails } = await import("@/lib/k8s/connections");
    const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { db } = await import("@/lib/db/client");
    await eventually(async () => (await readyCheckout()) === 3, "checkout has 3 ready pods", 180_000);
    const expId = await save("host removed after save", { steadyState: [], abortConditions: [httpProbe("Checkout down", "<", 0.5, 5)] });
    const { runId } = await startRun(user, expId);
    const hosts = [new URL(testbed().demoService).hostname];
    try {
      await saveGuardrails(user, clusterId, guardrailsSchema.parse({ protectedNamespaces: ["kube-system"], probeHosts: [] }));
      const before = await db.httpProbeSample.count({ where: { runId } });
      await tickUntil(async () => (await run(runId)).events.some((e) => e.message.startsWith("HTTP probe Checkout down cannot call")), "the refusal is on the timeline", 60_000);
      for (let i = 0; i < 3; i++) {
        const { engineTick } = await import("@/lib/runs/engine/engine-loop");
        await engineTick();
        await new Promise((r) => setTimeout(r, 1100));
      }
      const r = await run(runId);
      expect(r.status).toBe("running");
      expect(r.events.filter((e) => e.message.startsWith("HTTP probe Checkout down cannot call"))).toHaveLength(1);
      expect(r.events.find((e) => e.message.startsWith("HTTP probe Checkout down cannot call"))?.message).toMatch(/is not a host an admin allowed HTTP probes to call\. This cluster allows HTTP probes to call no host yet/);
      expect(await db.httpProbeSample.count({ where: { runId } })).toBe(before);
    } finally {
      await saveGuardrails(user, clusterId, guardrailsSchema.parse({ protectedNamespaces: ["kube-system"], probeHosts: hosts }));
      await endRun(user, runId, "stop", "done");
      await tickUntil(async () => !["running", "stopping"].includes((await run(runId)).status), "the run ended");
    }
  }, 600_000);
});
