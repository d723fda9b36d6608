// One run per experiment and one fault per object, enforced by the database
// (these tests also run on PostgreSQL in npm test), and a run that injects the
// experiment preflight checked, round after round: against the real test bed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, eventually, testbed } from "@/lib/testing/testbed";
import { AppError } from "@/lib/errors";
import { ledgerOf, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";

const ns = () => testbed().demoNamespace;
const admin = adminClient();
let f: RunFixture;

const replicas = async (name: string) => (await admin.apps.readNamespacedDeployment({ name, namespace: ns() })).spec!.replicas!;

async function runsOf(experimentId: string) {
  const { db } = await import("@/lib/db/client");
  return db.run.findMany({ where: { experimentId }, orderBy: { createdAt: "asc" } });
}

/** Stops every run of these experiments that has not ended (cleanup, whatever the test left). */
async function stopAll(...experimentIds: string[]) {
  const { endRun } = await import("@/lib/runs/runs");
  for (const id of experimentIds) for (const r of await runsOf(id)) if (!["completed", "aborted", "failed"].includes(r.status)) await endRun(f.user, r.id, "stop", "cleanup").catch(() => undefined);
}

let catalogReplicas = 2;
beforeAll(async () => {
  f = await runFixture("Starts and locks");
  catalogReplicas = await replicas("catalog");
});

afterAll(async () => {
  // Whatever a failing run left: put catalog back as the bed made it.
  await admin.apps.patchNamespacedDeploymentScale({ name: "catalog", namespace: ns(), body: { spec: { replicas: catalogReplicas } } }, admin.mergePatch);
});

describe("starting", () => {
  it("Start clicked twice at once starts one run", async () => {
    const exp = await saveExperiment(f, "shift checkout's clock", [{ kind: "chaos-mesh-time", params: { offsetSec: -60 } }], { namespace: ns(), labelSelector: "app=checkout" }, 120);
    const { startRun } = await import("@/lib/runs/runs");
    try {
      const results = await Promise.allSettled([startRun(f.user, exp.id), startRun(f.user, exp.id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(AppError);
      expect((refused.reason as AppError).code).toBe("CONFLICT");
      expect((refused.reason as AppError).message).toMatch(/already running/);
      expect(await runsOf(exp.id)).toHaveLength(1);
    } finally {
      await stopAll(exp.id);
    }
  });

  it("two experiments on one deployment: the second is refused and told which run holds it", async () => {
    const owner = { kind: "Deployment", name: "catalog" };
    const first = await saveExperiment(f, "catalog to one", [{ kind: "scale-down", params: { replicas: 1 } }], { namespace: ns(), labelSelector: "app=catalog", owner }, 120);
    const second = await saveExperiment(f, "catalog to zero", [{ kind: "scale-down", params: { replicas: 0 } }], { namespace: ns(), labelSelector: "app=catalog", owner }, 120);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    try {
      const { runId } = await startRun(f.user, first.id);
      const refused = await startRun(f.user, second.id).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).message).toMatch(/Deployment demo\/catalog is held by/);
      expect((refused as AppError).message).toContain(runId);
      expect(await runsOf(second.id)).toHaveLength(0);
      expect(await replicas("catalog")).toBe(1);

      await endRun(f.user, runId, "stop", "done");
      expect(await replicas("catalog")).toBe(catalogReplicas);
      // Released: now the second may run, and its revert restores the original count too.
      const again = await startRun(f.user, second.id);
      expect(await replicas("catalog")).toBe(0);
      await endRun(f.user, again.runId, "stop", "done");
      expect(await replicas("catalog")).toBe(catalogReplicas);
    } finally {
      await stopAll(first.id, second.id);
    }
  });
});

describe("the frozen experiment", () => {
  it("every round injects the copy preflight checked, and an experiment with a live run cannot be edited", async () => {
    const targets = { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 }, repeat: { count: 2, intervalSec: 2, probability: 1 } };
    const exp = await saveExperiment(f, "kill a checkout pod twice", [{ kind: "pod-kill", params: { gracePeriodSeconds: 0 } }], targets, 120);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(f.user, exp.id);
    try {
      // A change that reaches the row anyway (a script, an older replica) is not what the run injects.
      const { db } = await import("@/lib/db/client");
      await db.experiment.update({ where: { id: exp.id }, data: { targets: { ...targets, labelSelector: "app=cart" } as never } });
      const { engineTick } = await import("./engine-loop");
      await eventually(async () => {
        await engineTick();
        return (await db.runEvent.count({ where: { runId, message: { contains: "(round 2)" } } })) > 0;
      }, "round 2 applied");
      const touched = (await ledgerOf(runId)).map((e) => (e.target as { name: string }).name);
      expect(touched).toHaveLength(2);
      for (const name of touched) expect(name).toMatch(/^checkout-/);

      // And through the app, the edit is refused while the run is live.
      const { experimentSchema } = await import("@/lib/experiments/schemas");
      const { saveExperiment: save } = await import("@/lib/experiments/experiments");
      const edit = experimentSchema.parse({ gameDayId: f.gameDayId, experimentId: exp.id, title: exp.title, hypothesis: "h", faults: exp.faults, targets: { ...targets, labelSelector: "app=cart" }, durationSec: 120, clusterId: f.clusterId });
      const refused = await save(f.user, edit).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe("CONFLICT");
    } finally {
      await endRun(f.user, runId, "stop", "done");
    }
  });
});

describe("rounds", () => {
  it("each round is claimed once however many engine passes race, and network-partition rounds do not collide", async () => {
    const targets = { namespace: ns(), labelSelector: "app=checkout", repeat: { count: 3, intervalSec: 1, probability: 1 } };
    const exp = await saveExperiment(f, "partition checkout three times", [{ kind: "network-partition", params: { direction: "ingress" } }], targets, 60);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { engineTick } = await import("./engine-loop");
    const { db } = await import("@/lib/db/client");
    const { runId } = await startRun(f.user, exp.id);
    try {
      await new Promise((r) => setTimeout(r, 2500));
      await Promise.all([engineTick(), engineTick(), engineTick()]);
      await eventually(async () => {
        await Promise.all([engineTick(), engineTick()]);
        return (await db.runEvent.count({ where: { runId, message: { contains: "(round 3)" } } })) > 0;
      }, "round 3 applied");
      const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: true } });
      expect(run.status).toBe("running");
      for (const round of [2, 3]) expect(run.events.filter((e) => e.message.startsWith(`Round ${round} of 3`)), `round ${round}`).toHaveLength(1);
      const policies = (await admin.networking.listNamespacedNetworkPolicy({ namespace: ns(), labelSelector: `firedrill.dev/run=${runId}` })).items;
      expect(policies).toHaveLength(3);
    } finally {
      await endRun(f.user, runId, "stop", "done");
    }
    expect((await admin.networking.listNamespacedNetworkPolicy({ namespace: ns(), labelSelector: `firedrill.dev/run=${runId}` })).items).toHaveLength(0);
  });
});

describe("recovery", () => {
  it("a cluster run that died before its first ledger entry is recovered as a cluster run: aborted, not kept running", async () => {
    const exp = await saveExperiment(f, "kill one checkout pod, then die", [{ kind: "pod-kill", params: { gracePeriodSeconds: 0 } }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } }, 300);
    const { startRun } = await import("@/lib/runs/runs");
    const { db } = await import("@/lib/db/client");
    const { runId } = await startRun(f.user, exp.id);
    // The state a process leaves when it dies between creating the run and writing its first ledger entry.
    await db.ledgerEntry.deleteMany({ where: { runId } });
    await db.run.update({ where: { id: runId }, data: { leaseOwner: "dead-host:1:x", leaseExpiresAt: new Date(Date.now() - 1000) } });
    const { engineTick } = await import("./engine-loop");
    await engineTick();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { events: true } });
    expect(run.status).toBe("aborted");
    expect(run.events.some((e) => e.message.includes("Firedrill took over"))).toBe(true);
  });
});
