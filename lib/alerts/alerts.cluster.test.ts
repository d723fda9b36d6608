// Alerts measured through the team's own alerting, against the test bed's real
// Prometheus (with the demo service's alerting rules) and Debian's Alertmanager:
// a pod-kill run where CheckoutErrorRatioHigh really fires and Alertmanager's
// webhook reaches Firedrill's receiver (the real route handler, served on
// loopback); a run whose alert never fires, measured "did not fire" against an
// estimate that expected it; Alertmanager taken away mid-run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed, testUser, tickUntil } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

const BED = path.resolve(import.meta.dirname, "../../e2e/testbed/testbed.sh");
const bed = (...args: string[]) => execFileSync("bash", [BED, ...args], { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 }).toString();
const env = () => testbed() as ReturnType<typeof testbed> & { alertmanager: string };
const ns = () => testbed().demoNamespace;
const admin = adminClient();

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
let token: string;
let sourceId: string;
let receiver: http.Server;
const received: { status: number; body: string }[] = [];

/** Firedrill's receiver route, served on loopback: Alertmanager posts to it as it would to the app. */
async function serveReceiver(): Promise<string> {
  const { POST } = await import("@/app/api/v1/alertmanager/webhook/route");
  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    const answer = await POST(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body }));
    const text = await answer.text();
    received.push({ status: answer.status, body });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/alertmanager/webhook`;
}

async function readyCheckout() {
  const pods = await admin.core.listNamespacedPod({ namespace: ns(), labelSelector: "app=checkout" });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

async function firingInBed(): Promise<string[]> {
  const res = await fetch(`${testbed().prometheus}/api/v1/alerts`);
  const json = (await res.json()) as { data: { alerts: { labels: { alertname: string }; state: string }[] } };
  return json.data.alerts.filter((a) => a.state !== "inactive").map((a) => a.labels.alertname);
}

/** No alert firing or pending in the bed, and checkout whole: a run then starts from a quiet system. */
async function quiet() {
  await eventually(async () => (await readyCheckout()) === 3 && (await firingInBed()).length === 0, "checkout has 3 ready pods and no alert fires or is pending", 240_000);
}

async function experiment(title: string, fault: { kind: string; params?: Record<string, unknown> }, targets: Record<string, unknown>, durationSec: number, failureModeIds: string[] = []) {
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  return (await saveExperiment(user, experimentSchema.parse({ gameDayId, title, hypothesis: "h", faults: [{ kind: fault.kind, params: fault.params ?? {} }], targets, durationSec, clusterId, failureModeIds, steadyState: fault.kind.startsWith("people-") ? [] : steadyState }))).id;
}

/** The run's alerts as its page gets them. */
const alertsOf = async (runId: string) => {
  const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
  return (await loadRunMetrics(runId)).alerts;
};
const errorRatio = '(sum(rate(http_requests_total{service="checkout",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{service="checkout"}[5s]))';
const steadyState = [{ name: "Error ratio", query: errorRatio, comparator: "<" as const, threshold: 0.01, windowSec: 10 }];

const events = async (runId: string) => {
  const { db } = await import("@/lib/db/client");
  return db.runEvent.findMany({ where: { runId }, orderBy: { at: "asc" } });
};
const runStatus = async (runId: string) => {
  const { db } = await import("@/lib/db/client");
  return (await db.run.findUniqueOrThrow({ where: { id: runId } })).status;
};

beforeAll(async () => {
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
  const { rotateReceiverToken } = await import("./receiver-token");
  clusterId = (await createConnection(user, { name: "Alerts bed", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Alerts tests", goals: "g", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  ({ id: sourceId } = await createSource(user, createSourceSchema.parse({ name: "Bed Prometheus with Alertmanager", url: testbed().prometheus, alertmanagerUrl: env().alertmanager, clusterId })));
  token = (await rotateReceiverToken(user, sourceId)).token;
  bed("alert-receiver", await serveReceiver(), token);
}, 60_000);

afterAll(async () => {
  try {
    bed("alertmanager", "start");
    bed("alert-receiver", "off");
  } finally {
    await new Promise((r) => receiver?.close(r));
  }
});

describe("the source's Test", () => {
  it("names the alerting rules Prometheus has loaded and Alertmanager's version", async () => {
    const { testSource } = await import("@/lib/metrics/sources");
    const report = await testSource(user, sourceId);
    expect(report).toMatchObject({ ok: true, alertingRules: 3, alertmanager: { ok: true } });
    expect((report.alertmanager as { version: string }).version).toMatch(/^0\.\d+\.\d+/);
  });
});

describe("a pod-kill run detected by the team's own alerting", () => {
  it("the real rule fires, Alertmanager pages Firedrill's receiver, and time to fire and to page are measured from those events", async () => {
    await quiet();
    const { startRun } = await import("@/lib/runs/runs");
    // Two of three pods: one Ready pod serves half the load, the rest are 503s until replacements are Ready.
    const expId = await experiment("kill two checkout pods", { kind: "pod-kill", params: { gracePeriodSeconds: 0 } }, { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 2 } }, 60);
    const { runId } = await startRun(user, expId);
    await tickUntil(async () => {
      const v = await alertsOf(runId);
      return !!v?.alerts.some((a) => a.alertname === "CheckoutErrorRatioHigh" && a.firedAt !== null && a.notifiedAt !== null);
    }, "CheckoutErrorRatioHigh fired in Prometheus and its notification reached the receiver");

    const view = (await alertsOf(runId))!;
    expect(view.rules).toEqual(expect.arrayContaining(["CheckoutErrorRatioHigh", "CheckoutLatencyHigh", "CheckoutReplicasLow"]));
    const alert = view.alerts.find((a) => a.alertname === "CheckoutErrorRatioHigh")!;
    expect(alert.severity).toBe("page");
    expect(alert.preexisting).toBe(false);
    expect(alert.labels).toMatchObject({ alertname: "CheckoutErrorRatioHigh", service: "checkout" });
    const m = view.measures;
    expect(m).toMatchObject({ watched: true, didFire: true, paged: true });
    // The rule needs the error ratio over 1% for 5 s, and Alertmanager waits for its group: both come after injection, paging after firing.
    expect(m.timeToFireSec!).toBeGreaterThan(0);
    expect(m.timeToPageSec!).toBeGreaterThanOrEqual(m.timeToFireSec!);
    expect(received.some((r) => r.status === 200 && r.body.includes("CheckoutErrorRatioHigh"))).toBe(true);
    expect(view.markers.map((k) => k.kind)).toEqual(expect.arrayContaining(["alert-fired", "alert-paged"]));
    const timeline = (await events(runId)).map((e) => e.message);
    expect(timeline.some((t) => /^Watching alerts: \d+ alerting rules in Bed Prometheus with Alertmanager/.test(t))).toBe(true);
    expect(timeline.filter((t) => t.startsWith("Alert CheckoutErrorRatioHigh (severity page) fired"))).toHaveLength(1);
    expect(timeline.some((t) => t.startsWith("Alertmanager paged: CheckoutErrorRatioHigh"))).toBe(true);
    console.log(`alerts: CheckoutErrorRatioHigh fired ${m.timeToFireSec} s and paged ${m.timeToPageSec} s after injection`);

    const { endRun } = await import("@/lib/runs/runs");
    await endRun(user, runId, "stop", "alert measured");
    // After the revert the alert resolves; the watch goes on past the run's end to see it.
    await tickUntil(async () => !!(await alertsOf(runId))?.alerts.find((a) => a.alertname === "CheckoutErrorRatioHigh")?.resolvedAt, "CheckoutErrorRatioHigh resolved", 240_000);
    const after = (await alertsOf(runId))!.measures;
    expect(after.timeToResolveSec).toBeGreaterThan(0);
    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    const metrics = await loadRunMetrics(runId);
    expect(metrics.impact?.comparison.find((r) => r.label === "Time to detect (alert fired)")?.measured).not.toBe("—");
    expect(metrics.markers.some((k) => k.kind === "alert-fired")).toBe(true);
  }, 600_000);
});

describe("a run whose alert never fires", () => {
  it("is measured 'did not fire', and an estimate that expected it within 1 min is worse", async () => {
    await quiet();
    const { addFailureMode } = await import("@/lib/gameday/board");
    const { saveEstimate } = await import("@/lib/gameday/estimates");
    const { estimateSchema } = await import("@/lib/gameday/schemas");
    const fm = await addFailureMode(user, { gameDayId, title: "A pod dies unnoticed", description: "", injectionPoint: "containers" });
    await saveEstimate(user, estimateSchema.parse({ failureModeId: fm.id, hypothesis: "The error-ratio alert fires within a minute", severity: "3", userImpact: "degraded", alertExpected: true, timeToDetectMin: "1", timeToRecoverMin: "2", fleetSize: "", mtbfDays: "" }));
    // One of three pods with the default grace period: the others take the load, no 5xx, no alert.
    const expId = await experiment("kill one checkout pod gracefully", { kind: "pod-kill" }, { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, 20, [fm.id]);
    const { startRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(user, expId);
    await tickUntil(async () => ["completed", "aborted", "failed"].includes(await runStatus(runId)), "the run ended");
    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    const view = (await alertsOf(runId))!;
    expect(view.measures).toMatchObject({ watched: true, didFire: false, paged: false, timeToFireSec: null });
    expect(view.alerts.filter((a) => a.alertname === "CheckoutErrorRatioHigh")).toEqual([]);
    const metrics = await loadRunMetrics(runId);
    const rows = metrics.impact?.comparison ?? [];
    expect(rows.find((r) => r.label === "Alert")).toMatchObject({ expected: "fires within 1 min", measured: "did not fire", delta: "expected, did not fire", verdict: "worse" });
    expect(rows.find((r) => r.label === "Paged")?.measured).toBe("no notification received");
  }, 600_000);
});

describe("Alertmanager down mid-run", () => {
  it("is said once on the timeline, the run goes on and ends, and it is said again when it answers", async () => {
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const expId = await experiment("Alertmanager goes away", { kind: "people-staycation", params: { person: "Ken" } }, {}, 600);
    const { runId } = await startRun(user, expId);
    await tickUntil(async () => (await events(runId)).some((e) => e.message.startsWith("Watching alerts")), "the run watches alerts");
    bed("alertmanager", "stop");
    try {
      await tickUntil(async () => (await events(runId)).some((e) => e.message.startsWith("Alertmanager cannot be reached for alerts")), "the timeline says Alertmanager cannot be reached", 60_000);
      // A few more reads: said once, not every 2 s; the run is still running.
      for (let i = 0; i < 3; i++) await tickUntil(async () => true, "a tick");
      await new Promise((r) => setTimeout(r, 4_500));
      await tickUntil(async () => true, "a tick");
      expect((await events(runId)).filter((e) => e.message.startsWith("Alertmanager cannot be reached")).length).toBe(1);
      expect(await runStatus(runId)).toBe("running");
    } finally {
      bed("alertmanager", "start");
    }
    await tickUntil(async () => (await events(runId)).some((e) => e.message.startsWith("Alertmanager answers again")), "the timeline says Alertmanager answers again", 60_000);
    await endRun(user, runId, "stop", "dependency test");
    expect(await runStatus(runId)).toBe("completed");
  }, 300_000);
});
