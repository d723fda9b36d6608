// Prometheus stopped in the middle of a run: the run is not blinded into
// danger. It still ends at its duration and reverts; the timeline says the
// abort conditions could not be checked; the run's metrics answer
// "unreachable" instead of failing. This test KILLS the bed's Prometheus and
// brings the bed back afterwards (testbed.sh up restarts a partly running bed),
// so the suites that run after it find Prometheus again.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
const errorRatio = '(sum(rate(http_requests_total{service="checkout",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{service="checkout"}[5s]))';

function prometheusPid(): number {
  const file = path.join(path.dirname(process.env.TESTBED_ENV ?? path.resolve(import.meta.dirname, "../../e2e/testbed/.state/env.json")), "pids/prometheus.pid");
  return Number(fs.readFileSync(file, "utf8").trim());
}

beforeAll(async () => {
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
  clusterId = (await createConnection(user, { name: "Bed (Prometheus down)", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Prometheus down", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
  await createSource(user, createSourceSchema.parse({ name: "Bed Prometheus", url: testbed().prometheus, clusterId }));
});

afterAll(() => {
  execFileSync("bash", [path.resolve(import.meta.dirname, "../../e2e/testbed/testbed.sh"), "up"], { stdio: "ignore", env: process.env });
}, 180_000);

describe("Prometheus stopped mid-run", () => {
  it("the run still ends at its duration and reverts; charts say unreachable", async () => {
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { saveExperiment } = await import("@/lib/experiments/experiments");
    const { id } = await saveExperiment(user, experimentSchema.parse({
      gameDayId, title: "kill one pod, then lose Prometheus", hypothesis: "h", clusterId, durationSec: 12,
      faults: [{ kind: "pod-kill", params: { gracePeriodSeconds: 0 } }],
      targets: { namespace: testbed().demoNamespace, labelSelector: "app=checkout", sample: { mode: "count", value: 1 } },
      steadyState: [{ name: "Ready replicas", query: 'min(demo_service_ready_replicas{service="checkout"})', comparator: ">=", threshold: 1, windowSec: 5 }],
      abortConditions: [{ name: "Error ratio too high", query: errorRatio, comparator: ">", threshold: 0.9, windowSec: 5 }],
    }));
    const { startRun } = await import("@/lib/runs/runs");
    const { engineTick } = await import("@/lib/runs/engine/engine-loop");
    const { loadRunMetrics } = await import("@/lib/metrics/run-metrics");
    const { db } = await import("@/lib/db/client");
    // The suite before this one may have left checkout without Ready pods for a while:
    // start once the steady state holds, as a facilitator would.
    const { sourceFor } = await import("@/lib/metrics/sources");
    const { promQuery } = await import("@/lib/metrics/prometheus");
    const src = (await sourceFor(user.teamId, clusterId))!;
    await eventually(async () => {
      const r = await promQuery(src.endpoint, 'min_over_time(min(demo_service_ready_replicas{service="checkout"})[10s:1s])');
      return r.ok && r.data.value !== null && r.data.value >= 1;
    }, "checkout has had Ready pods for 10 s", 120_000);
    const { runId } = await startRun(user, id);
    await engineTick();
    expect((await loadRunMetrics(runId)).state).toBe("live");

    process.kill(prometheusPid(), "SIGKILL");
    await eventually(async () => {
      await engineTick();
      return (await db.run.findUniqueOrThrow({ where: { id: runId } })).status === "completed";
    }, "the run completed at its duration", 60_000);

    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: true, ledger: true } });
    expect(run.ledger.length).toBeGreaterThan(0);
    expect(run.ledger.every((l) => l.state === "reverted")).toBe(true);
    expect(run.events.some((e) => e.type === "error" && e.message.startsWith("Abort conditions cannot be checked"))).toBe(true);
    expect(run.events.some((e) => e.type === "abort")).toBe(false);
    const view = await loadRunMetrics(runId);
    expect(view.state).toBe("unreachable");
    expect(view.message).toMatch(/unreachable|did not answer/);
    expect(view.faultWindow?.to).not.toBeNull();
    expect(await db.runMetricSnapshot.count({ where: { runId } })).toBe(0);
  });
});
