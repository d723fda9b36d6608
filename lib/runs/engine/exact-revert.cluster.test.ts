// Stop puts the cluster back exactly as it was, against the real test bed with
// an HTTP proxy in front of its API server (lib/testing/apiserver-proxy.ts):
// a revert denied by RBAC and retried never restores a later snapshot over the
// original, an apply the API server answers too late does not leave its object
// behind, and the sweeper removes objects labelled with a run that has ended.
// These also run on PostgreSQL in npm test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RbacAuthorizationV1Api, type V1RoleBinding } from "@kubernetes/client-node";
import { adminClient, eventually, testbed } from "@/lib/testing/testbed";
import { sleep, startApiserverProxy, type ApiserverProxy } from "@/lib/testing/apiserver-proxy";
import { ledgerOf, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";

const ns = () => testbed().demoNamespace;
const admin = adminClient();
const rbac = admin.kc.makeApiClient(RbacAuthorizationV1Api);
const BINDING = "firedrill:chaos-operator";
let proxy: ApiserverProxy;
let f: RunFixture;
let catalogReplicas = 2;

const replicas = async () => (await admin.apps.readNamespacedDeployment({ name: "catalog", namespace: ns() })).spec!.replicas!;

/** May the "firedrill" identity (the proxy's) patch deployments/scale in demo right now? */
async function firedrillMayScale(): Promise<boolean> {
  const review = await f.client.authz.createSelfSubjectAccessReview({ body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { verb: "patch", group: "apps", resource: "deployments", subresource: "scale", namespace: ns() } } } });
  return review.status?.allowed === true;
}

/** Ticks the engine (as its timer would) until every ledger entry of the run is reverted. */
async function tickUntilReverted(runId: string, timeoutMs = 90_000) {
  const { engineTick } = await import("./engine-loop");
  await eventually(async () => {
    await engineTick();
    const entries = await ledgerOf(runId);
    return entries.length > 0 && entries.every((e) => e.state === "reverted");
  }, "every ledger entry reverted", timeoutMs);
}

beforeAll(async () => {
  proxy = await startApiserverProxy(testbed().firedrillKubeconfig);
  f = await runFixture("Exact reverts (through a proxy)", { kubeconfig: proxy.kubeconfig });
  catalogReplicas = await replicas();
});

afterAll(async () => {
  proxy.hooks = {};
  await proxy?.close();
  await admin.apps.patchNamespacedDeploymentScale({ name: "catalog", namespace: ns(), body: { spec: { replicas: catalogReplicas } } }, admin.mergePatch);
});

describe("exact reverts", () => {
  it("a two-round scale-down whose first revert RBAC denies ends at the original replica count", async () => {
    const targets = { namespace: ns(), labelSelector: "app=catalog", owner: { kind: "Deployment", name: "catalog" }, repeat: { count: 2, intervalSec: 1, probability: 1 } };
    const exp = await saveExperiment(f, "catalog to zero, twice", [{ kind: "scale-down", params: { replicas: 0 } }], targets, 120);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { engineTick } = await import("./engine-loop");
    const { db } = await import("@/lib/db/client");
    const { runId } = await startRun(f.user, exp.id);
    expect(await replicas()).toBe(0);
    await eventually(async () => {
      await engineTick();
      return (await db.runEvent.count({ where: { runId, message: { contains: "(round 2)" } } })) > 0;
    }, "round 2 applied");
    expect(await replicas()).toBe(0);

    // Take scale permissions away, and give them back the moment the first revert has been refused.
    const binding = await rbac.readNamespacedRoleBinding({ name: BINDING, namespace: ns() });
    const restore: V1RoleBinding = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: BINDING, namespace: ns(), labels: binding.metadata?.labels }, roleRef: binding.roleRef, subjects: binding.subjects };
    await rbac.deleteNamespacedRoleBinding({ name: BINDING, namespace: ns() });
    const deniedWith: number[] = [];
    try {
      await eventually(async () => !(await firedrillMayScale()), "RBAC denies scaling");
      proxy.hooks.after = async (req, status) => {
        if (req.method !== "PATCH" || !req.route.endsWith("/deployments/catalog/scale") || req.dryRun || deniedWith.length > 0) return;
        deniedWith.push(status);
        await rbac.createNamespacedRoleBinding({ namespace: ns(), body: restore });
        await eventually(firedrillMayScale, "RBAC allows scaling again");
      };
      await endRun(f.user, runId, "stop", "test done");
    } finally {
      proxy.hooks = {};
      await rbac.readNamespacedRoleBinding({ name: BINDING, namespace: ns() }).catch(() => rbac.createNamespacedRoleBinding({ namespace: ns(), body: restore }));
    }
    expect(deniedWith).toEqual([403]);
    await tickUntilReverted(runId);
    expect(await replicas()).toBe(catalogReplicas);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).not.toBe("running");
  });

  it("an apply the API server answers too late leaves nothing behind", async () => {
    const exp = await saveExperiment(f, "pod-failure, slowly", [{ kind: "chaos-mesh-pod", params: { action: "pod-failure" } }], { namespace: ns(), labelSelector: "app=checkout" }, 120);
    // The API server gets the create only after Firedrill's 15 s limit for the call has passed.
    let held = 0;
    proxy.hooks.before = async (req) => {
      if (req.method === "POST" && req.route.endsWith("/podchaos") && !req.dryRun) {
        held++;
        await sleep(22_000);
      }
    };
    const { customObjects } = await import("@/lib/faults/builders/custom-resource");
    const ours = async (runId: string) =>
      ((await customObjects(admin).listNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "podchaos", namespace: ns(), labelSelector: `firedrill.dev/run=${runId}` })) as { items: unknown[] }).items.length;
    const { startRun } = await import("@/lib/runs/runs");
    try {
      const { runId } = await startRun(f.user, exp.id);
      expect(held).toBe(1);
      const { db } = await import("@/lib/db/client");
      expect(["failed", "stopping"]).toContain((await db.run.findUniqueOrThrow({ where: { id: runId } })).status);
      // Wait for the late create to land (the API server answered it), then for the engine to clear it.
      await eventually(async () => proxy.log.some((r) => r.method === "POST" && r.route.endsWith("/podchaos") && !r.dryRun && r.status !== null), "the held create reached the API server", 60_000);
      await tickUntilReverted(runId);
      await sleep(2000);
      expect(await ours(runId)).toBe(0);
    } finally {
      proxy.hooks = {};
    }
  });
});

describe("the sweeper", () => {
  it("removes objects labelled with a run that has ended, and only those", async () => {
    const exp = await saveExperiment(f, "partition cart", [{ kind: "network-partition", params: { direction: "ingress" } }], { namespace: ns(), labelSelector: "app=cart" }, 60);
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const ended = await startRun(f.user, exp.id);
    await endRun(f.user, ended.runId, "stop", "done");
    const live = await startRun(f.user, exp.id);
    try {
      // A leftover the ledger does not know about (e.g. written by a request that landed late).
      const policy = (name: string, runId: string) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns(), labels: { "app.kubernetes.io/managed-by": "firedrill", "firedrill.dev/run": runId } }, spec: { podSelector: { matchLabels: { app: "cart" } }, policyTypes: ["Ingress"] } });
      await admin.networking.createNamespacedNetworkPolicy({ namespace: ns(), body: policy("fd-leftover-ended", ended.runId) });
      await admin.networking.createNamespacedNetworkPolicy({ namespace: ns(), body: policy("fd-leftover-unknown", "not-a-firedrill-run-here") });
      // An identity that may not list across namespaces (namespace-scoped RBAC): the sweeper
      // lists in each namespace recent runs touched instead.
      proxy.hooks.before = (req) => (req.method === "GET" && !req.route.includes("/namespaces/") && req.query.has("labelSelector") ? { status: 403, message: "forbidden at the cluster scope" } : undefined);
      const { sweepCluster } = await import("./sweeper");
      const swept = await sweepCluster(f.clusterId);
      proxy.hooks = {};
      expect(swept.errors).toEqual([]);
      expect(proxy.log.some((r) => r.status === 403)).toBe(true);
      expect(swept.removed).toContain(`NetworkPolicy ${ns()}/fd-leftover-ended`);
      const left = (await admin.networking.listNamespacedNetworkPolicy({ namespace: ns(), labelSelector: "app.kubernetes.io/managed-by=firedrill" })).items.map((p) => p.metadata!.name!);
      expect(left).not.toContain("fd-leftover-ended");
      // Another installation's object, and the live run's own policy, stay.
      expect(left).toContain("fd-leftover-unknown");
      expect((await admin.networking.listNamespacedNetworkPolicy({ namespace: ns(), labelSelector: `firedrill.dev/run=${live.runId}` })).items).toHaveLength(1);
    } finally {
      await endRun(f.user, live.runId, "stop", "done");
      await admin.networking.deleteNamespacedNetworkPolicy({ name: "fd-leftover-unknown", namespace: ns() }).catch(() => undefined);
      await admin.networking.deleteNamespacedNetworkPolicy({ name: "fd-leftover-ended", namespace: ns() }).catch(() => undefined);
    }
  });
});
