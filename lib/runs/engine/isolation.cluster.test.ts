// The engine isolates runs: a Prometheus that trickles bytes and never
// finishes an answer, a cluster whose API server stopped answering, and a run
// whose own work throws delay no other run. Against the real test bed, with
// the engine's real timer loop; also on PostgreSQL in npm test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, testbed } from "@/lib/testing/testbed";
import { sleep, startApiserverProxy, type ApiserverProxy } from "@/lib/testing/apiserver-proxy";
import { startTricklingPrometheus, type TricklingPrometheus } from "@/lib/testing/trickling-prometheus";
import { ledgerOf, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";

const ns = () => testbed().demoNamespace;
let proxy: ApiserverProxy;
let trickle: TricklingPrometheus;
let slow: RunFixture; // through the proxy; its Prometheus trickles
let healthy: RunFixture; // straight to the bed, no probes

beforeAll(async () => {
  proxy = await startApiserverProxy(testbed().firedrillKubeconfig);
  trickle = await startTricklingPrometheus();
  slow = await runFixture("Dead cluster, hung Prometheus", { kubeconfig: proxy.kubeconfig });
  healthy = await runFixture("Healthy cluster");
});

afterAll(async () => {
  const { stopEngineLoop } = (await import("./engine-loop")) as { stopEngineLoop?: () => void };
  stopEngineLoop?.();
  proxy.hooks = {};
  await proxy?.close();
  await trickle?.close();
});

describe("one slow dependency delays no other run", () => {
  it("with a hung Prometheus and a dead API server behind one run, another run ends on time", async () => {
    const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
    const { db } = await import("@/lib/db/client");
    // The probe is checked by the real Prometheus when saved; once the runs started, that source trickles.
    const { id: sourceId } = await createSource(slow.user, createSourceSchema.parse({ name: "Soon hung", url: testbed().prometheus, clusterId: slow.clusterId }));
    const a = await saveExperiment(slow, "time shift behind a dead cluster", [{ kind: "chaos-mesh-time", params: { offsetSec: -60 } }], { namespace: ns(), labelSelector: "app=checkout" }, 10);
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { saveExperiment: save } = await import("@/lib/experiments/experiments");
    await save(slow.user, experimentSchema.parse({ gameDayId: slow.gameDayId, experimentId: a.id, title: a.title, hypothesis: "h", faults: a.faults, targets: a.targets, durationSec: 10, clusterId: slow.clusterId, abortConditions: [{ name: "Up", query: "sum(up)", comparator: "<", threshold: 0, windowSec: 5 }] }));
    const b = await saveExperiment(healthy, "time shift on a healthy cluster", [{ kind: "chaos-mesh-time", params: { offsetSec: -60 } }], { namespace: ns(), labelSelector: "app=cart" }, 12);

    const { startRun, endRun } = await import("@/lib/runs/runs");
    const runA = await startRun(slow.user, a.id);
    const runB = await startRun(healthy.user, b.id);
    // From now on run A's Prometheus hangs, and the API server behind it answers nothing.
    await db.metricsSource.update({ where: { id: sourceId }, data: { url: trickle.url } });
    proxy.hooks.before = () => "hang";
    const { startEngineLoop } = await import("./engine-loop");
    startEngineLoop();
    try {
      await eventually(async () => (await db.run.findUniqueOrThrow({ where: { id: runB.runId } })).status === "completed", "run B completed", 60_000);
      const ended = await db.run.findUniqueOrThrow({ where: { id: runB.runId } });
      // The loop ticks every second: B ends within a few seconds of its deadline, whatever A waits for.
      expect(ended.endedAt!.getTime() - ended.endsAt!.getTime()).toBeLessThan(5000);
      expect(trickle.requests).toBeGreaterThan(0);
      expect((await ledgerOf(runB.runId)).every((e) => e.state === "reverted")).toBe(true);
    } finally {
      proxy.hooks = {};
      await trickle.close();
      await Promise.race([endRun(slow.user, runA.runId, "stop", "cleanup").catch(() => undefined), sleep(30_000)]);
      await eventually(async () => (await ledgerOf(runA.runId)).every((e) => e.state === "reverted"), "run A's faults reverted once its cluster answers", 90_000);
    }
  }, 240_000);

  it("a run whose own work throws does not stop the engine for the others", async () => {
    const { db } = await import("@/lib/db/client");
    const { startRun } = await import("@/lib/runs/runs");
    const { stopEngineLoop } = (await import("./engine-loop")) as { stopEngineLoop?: () => void };
    stopEngineLoop?.();
    // A cluster run whose process died, with a stored experiment no code can read.
    const broken = await saveExperiment(healthy, "unreadable", [{ kind: "chaos-mesh-time", params: { offsetSec: -60 } }], { namespace: ns(), labelSelector: "app=catalog" }, 300);
    const { runId: brokenRun } = await startRun(healthy.user, broken.id);
    await db.experiment.update({ where: { id: broken.id }, data: { faults: [{ kind: 42 }] as never } });
    await db.$executeRawUnsafe(`UPDATE "Run" SET "experimentSnapshot" = '{"faults":42}' WHERE "id" = '${brokenRun}'`).catch(() => undefined);
    await db.run.update({ where: { id: brokenRun }, data: { leaseOwner: "dead-host:1:x", leaseExpiresAt: new Date(Date.now() - 1000) } });
    // A people run past its deadline.
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { saveExperiment: save } = await import("@/lib/experiments/experiments");
    const people = await save(healthy.user, experimentSchema.parse({ gameDayId: healthy.gameDayId, title: "Staycation", hypothesis: "h", durationSec: 60, faults: [{ kind: "people-staycation", params: { person: "Ada" } }] }));
    const { runId: peopleRun } = await startRun(healthy.user, people.id);
    await db.run.update({ where: { id: peopleRun }, data: { endsAt: new Date(Date.now() - 1000) } });

    const { engineTick } = await import("./engine-loop");
    await engineTick().catch(() => undefined);
    expect((await db.run.findUniqueOrThrow({ where: { id: peopleRun } })).status).toBe("completed");
    // The broken run is left to an operator, but its cluster object is not: clean up by hand.
    const { customObjects } = await import("@/lib/faults/builders/custom-resource");
    const { adminClient } = await import("@/lib/testing/testbed");
    const admin = adminClient();
    const objs = (await customObjects(admin).listNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "timechaos", namespace: ns(), labelSelector: `firedrill.dev/run=${brokenRun}` })) as { items: { metadata: { name: string } }[] };
    for (const o of objs.items) await customObjects(admin).deleteNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "timechaos", namespace: ns(), name: o.metadata.name });
    await db.run.update({ where: { id: brokenRun }, data: { status: "failed", leaseOwner: null } });
    await db.ledgerEntry.updateMany({ where: { runId: brokenRun }, data: { state: "reverted" } });
    await db.targetLock.deleteMany({ where: { runId: brokenRun } });
  });
});
