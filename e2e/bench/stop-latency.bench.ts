// Stop-everything latency with 1,000 targets on the scale-mode test bed,
// beside the floor: the same revert calls issued directly with the client at
// the same concurrency. And preview over 10,000 pods beside one raw LIST.
// Starts its own scale-mode bed (other ports, own state dir) and stops it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "../..");
const benchDir = path.join(root, ".data/bench-stop");
const bedState = path.join(benchDir, "bed");
const TARGETS = 1000;

// The bench's own scale bed listens 10,000 above the worktree's own bed ports
// (TESTBED_*_PORT from its ports file; the defaults otherwise), so two
// checkouts can run it side by side without colliding.
const PORTS: Record<string, number> = {
  TESTBED_ETCD_PORT: 12379,
  TESTBED_ETCD_PEER_PORT: 12380,
  TESTBED_APISERVER_PORT: 16443,
  TESTBED_CONTROLLER_MANAGER_PORT: 16257,
  TESTBED_SCHEDULER_PORT: 16259,
  TESTBED_KWOK_PORT: 16247,
  TESTBED_DEMO_PORT: 18080,
  TESTBED_PROMETHEUS_PORT: 19090,
};
const benchPorts = Object.fromEntries(Object.entries(PORTS).map(([k, d]) => [k, String(Number(process.env[k] ?? d) + 10_000)]));

function bed(cmd: string[], extraEnv: Record<string, string> = {}) {
  execFileSync("bash", [path.join(root, "e2e/testbed/testbed.sh"), ...cmd], {
    stdio: "inherit",
    env: { ...process.env, TESTBED_STATE: bedState, ...benchPorts, ...extraEnv },
  });
}

/** Wall time, this process's CPU time, and mean event-loop lag of one phase. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; lagMeanMs: number }> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  lag.disable();
  return { ms, cpuMs: Math.round((used.user + used.system) / 1000), lagMeanMs: +(lag.mean / 1e6).toFixed(1) };
}

/** A uniformly shuffled copy (Fisher–Yates). */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function pool<T>(items: T[], limit: number, work: (x: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export default async function run() {
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  process.env.DATABASE_URL = `file:${path.join(benchDir, "db.sqlite")}`;
  process.env.FIREDRILL_SECRET_KEY ??= Buffer.alloc(32, 5).toString("base64");
  execFileSync("node", [path.join(root, "scripts/migrate-deploy.mjs")], { stdio: "inherit", env: process.env });
  const bedStarted = performance.now();
  try {
    bed(["up", "--scale"]);
    const bedReadyMs = performance.now() - bedStarted;
    const env = JSON.parse(fs.readFileSync(path.join(bedState, "env.json"), "utf8")) as { kubeconfig: string };
    const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
    const { db } = await import("@/lib/db/client");
    const { createConnection, saveGuardrails, clientForCluster } = await import("@/lib/k8s/connections");
    const { guardrailsSchema } = await import("@/lib/k8s/guardrails");
    const { createGameDay } = await import("@/lib/gameday/gamedays");
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { saveExperiment } = await import("@/lib/experiments/experiments");
    const { previewExperiment } = await import("@/lib/runs/engine/preview");
    const { startRun, stopEverything } = await import("@/lib/runs/runs");
    const { REVERT_CONCURRENCY } = await import("@/lib/runs/engine/revert-run");

    const { userId } = await provisionUser({ email: "bench@firedrill.test", name: "Bench" });
    const user = (await loadSessionUser(userId))!;
    const clusterId = (await createConnection(user, { name: "scale bed", source: "kubeconfig", kubeconfig: fs.readFileSync(env.kubeconfig, "utf8"), context: "" })).id;
    await saveGuardrails(user, clusterId, guardrailsSchema.parse({ maxTargets: 100_000, protectedNamespaces: ["kube-system"] }));
    const { client } = await clientForCluster(clusterId);
    const gameDayId = (await createGameDay(user, { title: "bench", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;

    // Preview over every pod of the scale namespace vs one raw LIST of them.
    const previewInput = experimentSchema.parse({ gameDayId, title: "preview", hypothesis: "h", faults: [{ kind: "pod-kill", params: {} }], targets: { namespace: "scale", sample: { mode: "count", value: 10 } }, durationSec: 600, clusterId });
    // Three of each, alternating, median: one LIST of 10,000 pods varies by a third from call to call.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const listTimes: number[] = [];
    const previewTimes: number[] = [];
    let rawList!: Awaited<ReturnType<typeof client.core.listNamespacedPod>>;
    let preview!: Awaited<ReturnType<typeof previewExperiment>>;
    let t = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      rawList = await client.core.listNamespacedPod({ namespace: "scale" });
      listTimes.push(performance.now() - t);
      t = performance.now();
      preview = await previewExperiment(user, previewInput);
      previewTimes.push(performance.now() - t);
    }
    const rawListMs = median(listTimes);
    const previewMs = median(previewTimes);

    // The floor: the same fault on 1,000 other pods, then the same revert calls (GET + DELETE)
    // issued directly at the same concurrency. Measured before AND after Firedrill's stop, on
    // different pods, so a machine that gets busier or quieter during the run biases neither.
    const { PatchStrategy, setHeaderOptions } = await import("@kubernetes/client-node");
    const strategic = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);
    // Every timed phase starts on a quiet cluster: deleting 1,000 pods makes the
    // ReplicaSet controller, the scheduler and KWOK recreate 1,000 pods through
    // the same apiserver for a while, which would slow whichever phase comes next.
    const settle = async () => {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const deployments = (await client.apps.listNamespacedDeployment({ namespace: "scale" })).items;
        const busy = deployments.filter((d) => (d.status?.readyReplicas ?? 0) !== (d.spec?.replicas ?? 0) || (d.status?.replicas ?? 0) !== (d.spec?.replicas ?? 0));
        if (busy.length === 0) return;
        if (Date.now() > deadline) throw new Error(`scale bed did not settle: ${busy.length} deployment(s) still recovering`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    };
    const floor = async (pods: typeof rawList.items) => {
      await pool(pods, REVERT_CONCURRENCY, (p) =>
        client.core.patchNamespacedPodEphemeralcontainers({ name: p.metadata!.name!, namespace: "scale", body: { spec: { ephemeralContainers: [{ name: "floor", image: "busybox", command: ["sleep", "3600"] }] } } }, strategic),
      );
      await settle();
      return timed(() =>
        pool(pods, REVERT_CONCURRENCY, async (p) => {
          await client.core.readNamespacedPod({ name: p.metadata!.name!, namespace: "scale" });
          await client.core.deleteNamespacedPod({ name: p.metadata!.name!, namespace: "scale", gracePeriodSeconds: 0 });
        }),
      );
    };
    // Firedrill samples its targets at random across the 100 deployments; the floor
    // must too. (The first 1,000 pods by name belong to 10 deployments, and replacing
    // pods of 10 ReplicaSets costs the controllers, and so the apiserver, less than
    // replacing pods of 100: an earlier version of this bench compared against that.)
    const shuffled = shuffle(rawList.items);
    const floorBefore = await floor(shuffled.slice(0, TARGETS));

    // Stop everything with 1,000 targets: ephemeral-container faults whose revert reads each pod and replaces it.
    const exp = experimentSchema.parse({ gameDayId, title: "delay 1000", hypothesis: "h", faults: [{ kind: "network-delay", params: { image: "busybox" } }], targets: { namespace: "scale", sample: { mode: "count", value: TARGETS } }, durationSec: 3600, clusterId });
    const { id: experimentId } = await saveExperiment(user, exp);
    t = performance.now();
    const { runId } = await startRun(user, experimentId);
    const applyMs = performance.now() - t;
    const applied = await db.ledgerEntry.count({ where: { runId, state: "applied" } });
    await settle();
    const stop = await timed(() => stopEverything(user, { gameDayId }));
    const reverted = await db.ledgerEntry.count({ where: { runId, state: "reverted" } });

    await settle();
    const touched = new Set((await db.ledgerEntry.findMany({ where: { runId } })).map((e) => (e.target as { name: string }).name));
    const floorAfter = await floor(shuffled.slice(TARGETS).filter((p) => !touched.has(p.metadata!.name!)).slice(0, TARGETS));
    const floorMs = (floorBefore.ms + floorAfter.ms) / 2;

    return {
      scaleBed: { pods: rawList.items.length, readyMs: Math.round(bedReadyMs) },
      preview: { pods: preview[0].matchedCount, previewMs: Math.round(previewMs), rawListMs: Math.round(rawListMs), ratio: +(previewMs / rawListMs).toFixed(2) },
      stopEverything: { targets: applied, reverted, concurrency: REVERT_CONCURRENCY, applyMs: Math.round(applyMs), stopMs: Math.round(stop.ms), floorBeforeMs: Math.round(floorBefore.ms), floorAfterMs: Math.round(floorAfter.ms), floorMs: Math.round(floorMs), ratio: +(stop.ms / floorMs).toFixed(2),
        // Where the time goes: this process's CPU during each phase (the client's
        // (de)serialisation dominates the floor's) and how late its event loop ran.
        stopCpuMs: stop.cpuMs, floorCpuMs: [floorBefore.cpuMs, floorAfter.cpuMs], stopEventLoopLagMeanMs: stop.lagMeanMs, floorEventLoopLagMeanMs: [floorBefore.lagMeanMs, floorAfter.lagMeanMs] },
    };
  } finally {
    bed(["down"]);
  }
}
