// Seeds the demo: an admin account, and a GameDay about the test bed's
// "checkout" service with failure modes, estimates and experiments whose
// targets and PromQL probes point at the test bed's cluster and Prometheus.
// Idempotent: running it again changes nothing. Goes through lib/, like the app.
//   tsx --conditions=react-server scripts/seed-demo.ts e2e/testbed/.state/env.json
import fs from "node:fs";
import { db } from "@/lib/db/client";
import { loadSessionUser, provisionUser } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createGameDay } from "@/lib/gameday/gamedays";
import { addFailureMode } from "@/lib/gameday/board";
import { saveEstimate } from "@/lib/gameday/estimates";
import { saveExperiment } from "@/lib/experiments/experiments";
import { experimentSchema } from "@/lib/experiments/schemas";
import { estimateSchema } from "@/lib/gameday/schemas";
import { createConnection, saveGuardrails } from "@/lib/k8s/connections";
import { guardrailsSchema } from "@/lib/k8s/guardrails";
import { findTemplate } from "@/lib/metrics/templates";

const DEMO = { email: "demo@firedrill.local", name: "Demo Facilitator", password: "firedrill-demo" };
const TITLE = "Demo: checkout resilience";

async function main() {
  const envFile = process.argv[2];
  const bed = envFile && fs.existsSync(envFile) ? (JSON.parse(fs.readFileSync(envFile, "utf8")) as { prometheus: string; apiserver: string; demoNamespace: string; firedrillKubeconfig: string }) : null;

  let user = await db.user.findUnique({ where: { email: DEMO.email } });
  if (!user) {
    const admins = await db.membership.count({ where: { role: "admin" } });
    await provisionUser({ email: DEMO.email, name: DEMO.name, passwordHash: await hashPassword(DEMO.password) });
    user = await db.user.findUniqueOrThrow({ where: { email: DEMO.email } });
    // On an installation that already has people, the demo account joins as facilitator.
    if (admins > 0) await db.membership.updateMany({ where: { userId: user.id }, data: { role: "facilitator" } });
  }
  const me = (await loadSessionUser(user.id))!;

  // The test bed's cluster, through the limited "firedrill" identity (faults allowed in the demo namespace only).
  let clusterId: string | undefined;
  if (bed) {
    const existing = await db.clusterConnection.findFirst({ where: { teamId: me.teamId, name: "Test bed" } });
    clusterId = existing?.id;
    if (!clusterId) {
      clusterId = (await createConnection(me, { name: "Test bed", source: "kubeconfig", kubeconfig: fs.readFileSync(bed.firedrillKubeconfig, "utf8"), context: "" })).id;
      await saveGuardrails(me, clusterId, guardrailsSchema.parse({ allowedNamespaces: [bed.demoNamespace] }));
    }
    const prom = await db.metricsSource.findFirst({ where: { teamId: me.teamId, name: "Test bed Prometheus" } });
    if (!prom) await db.metricsSource.create({ data: { teamId: me.teamId, name: "Test bed Prometheus", url: bed.prometheus } });
  }

  if (await db.gameDay.findFirst({ where: { teamId: me.teamId, title: TITLE } })) {
    console.log(`demo: "${TITLE}" already seeded`);
  } else {
    const { id } = await createGameDay(me, {
      title: TITLE,
      goals: "Learn whether checkout keeps serving when its pods, nodes or network fail, and whether we notice in time.",
      systemUnderTest: bed ? `checkout in namespace ${bed.demoNamespace} of the test bed (${bed.apiserver}), metrics in ${bed.prometheus}` : "checkout service",
      scheduledFor: new Date(),
    });
    const modes: [string, string, Parameters<typeof addFailureMode>[1]["injectionPoint"]][] = [
      ["Checkout pods are killed", "The ReplicaSet should replace them; do users notice?", "containers"],
      ["A node in zone-a disappears", "Pods must reschedule; the PodDisruptionBudget keeps two checkout pods.", "hosts"],
      ["Checkout is cut off from the network", "A NetworkPolicy denies all ingress to checkout.", "network"],
      ["Payment provider times out", "Third-party API slow for 30 s.", "external-deps"],
      ["On-call engineer is unreachable", "Staycation drill.", "people"],
    ];
    const ids: string[] = [];
    for (const [title, description, injectionPoint] of modes) ids.push((await addFailureMode(me, { gameDayId: id, title, description, injectionPoint })).id);
    await saveEstimate(me, estimateSchema.parse({ failureModeId: ids[0], hypothesis: "Checkout error ratio stays under 1% while one pod is killed", severity: 2, userImpact: "degraded", alertExpected: true, timeToDetectMin: 1, timeToRecoverMin: 2, fleetSize: 3, mtbfDays: 90 }));
    await saveEstimate(me, estimateSchema.parse({ failureModeId: ids[4], hypothesis: "Someone else handles a checkout incident within 15 minutes", severity: 2, userImpact: "degraded", alertExpected: false, timeToDetectMin: "", timeToRecoverMin: 15, fleetSize: "", mtbfDays: "" }));
    const errorRatio = findTemplate("error-ratio")!.build('service="checkout"', "10s").query;
    if (clusterId) await saveExperiment(me, experimentSchema.parse({
      gameDayId: id,
      title: "Kill one checkout pod",
      hypothesis: "Checkout error ratio stays under 1% while one of its three pods is killed",
      failureModeIds: [ids[0]],
      faults: [{ kind: "pod-kill", params: { gracePeriodSeconds: 0 } }],
      targets: { namespace: bed?.demoNamespace ?? "demo", labelSelector: "app=checkout", sample: { mode: "count", value: 1 } },
      durationSec: 120,
      steadyState: [{ name: "Error ratio", query: errorRatio, comparator: "<", threshold: 0.01, windowSec: 30 }, findTemplate("latency-p95")!.build('service="checkout"', "10s")],
      abortConditions: [{ name: "Error ratio too high", query: errorRatio, comparator: ">", threshold: 0.2, windowSec: 15 }, { ...findTemplate("ready-replicas")!.build('service="checkout"'), name: "No checkout replica ready", comparator: "<", threshold: 1, windowSec: 10 }],
      rollbackNotes: "kubectl -n demo scale deployment/checkout --replicas=3",
      clusterId,
    }));
    await saveExperiment(me, experimentSchema.parse({
      gameDayId: id,
      title: "Staycation: on-call away",
      hypothesis: "Someone else can handle a checkout incident without the on-call engineer",
      failureModeIds: [ids[4]],
      faults: [{ kind: "people-staycation", params: { person: "the on-call engineer", covers: "the secondary" } }],
      durationSec: 600,
    }));
    console.log(`demo: seeded "${TITLE}"`);
  }
  console.log(`demo: sign in as ${DEMO.email} / ${DEMO.password}`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error("demo: seeding failed:", error);
  process.exit(1);
});
