// Istio fault injection against the real test bed (Istio's official CRDs):
// preview names exactly the VirtualService apply patches, the fault is on
// every HTTP route during the run, and after revert the VirtualService's spec
// is deep-equal to its snapshot from before the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, testbed } from "@/lib/testing/testbed";
import type { ClusterClient } from "@/lib/k8s/client";
import { customObjects } from "../builders/custom-resource";
import { k8s } from "../cluster-call";
import { bindFault, IN_CLUSTER_RUN, ledgerOf, previewOf, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";
import type { FaultTarget } from "../fault-module";
import { AppError } from "@/lib/errors";

let admin: ClusterClient;
const ns = () => testbed().demoNamespace;
const VS = { group: "networking.istio.io", version: "v1", plural: "virtualservices" };
let f: RunFixture;

interface Vs {
  metadata: { name: string; resourceVersion: string; uid: string; generation: number };
  spec: { hosts: string[]; http: Record<string, unknown>[] };
}

// A VirtualService with more than a route to lose: matches, retries, timeouts, headers.
const checkoutSpec = {
  hosts: ["checkout"],
  http: [
    {
      name: "api",
      match: [{ uri: { prefix: "/api" } }],
      route: [{ destination: { host: "checkout", port: { number: 8080 } }, weight: 100 }],
      timeout: "5s",
      retries: { attempts: 2, perTryTimeout: "2s", retryOn: "5xx" },
      headers: { request: { set: { "x-routed-by": "istio" } } },
    },
    { name: "default", route: [{ destination: { host: "checkout" } }] },
  ],
};
const bystanderSpec = { hosts: ["cart"], http: [{ route: [{ destination: { host: "cart" } }] }] };

const read = async (name: string) => (await customObjects(admin).getNamespacedCustomObject({ ...VS, namespace: ns(), name })) as Vs;
const remove = (name: string) => customObjects(admin).deleteNamespacedCustomObject({ ...VS, namespace: ns(), name }).catch(() => undefined);
async function create(name: string, app: string, spec: object) {
  await remove(name);
  await customObjects(admin).createNamespacedCustomObject({ ...VS, namespace: ns(), body: { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace: ns(), labels: { app } }, spec } });
}
const target = (name: string): FaultTarget => ({ kind: "VirtualService", namespace: ns(), name });

describe.runIf(IN_CLUSTER_RUN)("istio-fault against the test bed", () => {
  beforeAll(async () => {
    admin = adminClient();
    f = await runFixture("Istio tests");
    await create("fd-test-checkout", "checkout", checkoutSpec);
    await create("fd-test-cart", "fd-test-cart", bystanderSpec);
  });

  afterAll(async () => {
    await remove("fd-test-checkout");
    await remove("fd-test-cart");
  });

  describe("istio-fault", () => {
    it("preview matches what apply patches; the fault is on every route; revert restores the spec exactly", async () => {
      const before = await read("fd-test-checkout");
      const bystander = await read("fd-test-cart");
      const exp = await saveExperiment(f, "abort checkout", [{ kind: "istio-fault", params: { type: "abort", percentage: 25, httpStatus: 503 } }], { namespace: ns(), labelSelector: "app=checkout" });

      const preview = await previewOf(f, exp);
      expect(preview[0].problems).toEqual([]);
      expect(preview[0].chosen.map((t) => `${t.namespace}/${t.name}`)).toEqual([`${ns()}/fd-test-checkout`]);
      // The dry run changed nothing.
      expect((await read("fd-test-checkout")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

      const { startRun, endRun } = await import("@/lib/runs/runs");
      const { runId } = await startRun(f.user, exp.id);
      const entries = await ledgerOf(runId);
      expect(entries).toHaveLength(1);
      expect(entries[0].state).toBe("applied");
      expect(entries[0].target).toEqual(preview[0].chosen[0]);
      // The undo record holds the original routes verbatim.
      expect((entries[0].undo as { http: unknown }).http).toEqual(before.spec.http);

      const during = await read("fd-test-checkout");
      expect(during.spec.http).toEqual(before.spec.http.map((r) => ({ ...r, fault: { abort: { httpStatus: 503, percentage: { value: 25 } } } })));
      expect(during.spec.hosts).toEqual(before.spec.hosts);
      expect((await read("fd-test-cart")).metadata.resourceVersion).toBe(bystander.metadata.resourceVersion);

      const driver = await bindFault(f.client, "istio-fault", { type: "abort", percentage: 25, httpStatus: 503 }, {}, { runId });
      expect(await driver.inspect(target("fd-test-checkout"), entries[0].undo)).toBe("present");

      await endRun(f.user, runId, "stop", "test done");
      const after = await read("fd-test-checkout");
      expect(after.spec).toEqual(before.spec);
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect((await ledgerOf(runId)).every((e) => e.state === "reverted")).toBe(true);

      // Idempotent: reverting again writes nothing.
      await driver.revert(target("fd-test-checkout"), entries[0].undo);
      expect((await read("fd-test-checkout")).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
      expect(await driver.inspect(target("fd-test-checkout"), entries[0].undo)).toBe("absent");
    });

    it("a delay keeps a fault already on a route and restores it exactly, even after routes were edited during the run", async () => {
      const withFault = { ...checkoutSpec, http: [{ ...checkoutSpec.http[1], fault: { abort: { httpStatus: 418, percentage: { value: 1 } } } }] };
      await create("fd-test-checkout", "checkout", withFault);
      const before = await read("fd-test-checkout");
      const driver = await bindFault(f.client, "istio-fault", { type: "delay", delayMs: 1500, percentage: 100 }, { namespace: ns() }, { runId: "r-istio-delay" });
      const t = target("fd-test-checkout");
      await driver.dryRun(t);
      const undo = await driver.plan(t);
      await driver.apply(t, undo, false);
      // A repeat round finds its fault still on the routes and writes nothing.
      const first = await read("fd-test-checkout");
      await driver.apply(t, undo, true);
      expect((await read("fd-test-checkout")).metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      const during = await read("fd-test-checkout");
      expect(during.spec.http[0].fault).toEqual({ abort: { httpStatus: 418, percentage: { value: 1 } }, delay: { fixedDelay: "1500ms", percentage: { value: 100 } } });

      // Someone adds a route during the run: revert still puts the recorded routes back.
      await customObjects(admin).patchNamespacedCustomObject({ ...VS, namespace: ns(), name: "fd-test-checkout", body: [{ op: "add", path: "/spec/http/-", value: { route: [{ destination: { host: "cart" } }] } }] }, admin.jsonPatch);
      await driver.revert(t, undo);
      await driver.revert(t, undo);
      expect((await read("fd-test-checkout")).spec).toEqual(before.spec);
    });

    it("apply refuses to write over routes that changed after plan; revert of a deleted VirtualService is done", async () => {
      await create("fd-test-checkout", "checkout", checkoutSpec);
      const driver = await bindFault(f.client, "istio-fault", {}, { namespace: ns() }, { runId: "r-istio-race" });
      const t = target("fd-test-checkout");
      const undo = await driver.plan(t);
      await customObjects(admin).patchNamespacedCustomObject({ ...VS, namespace: ns(), name: "fd-test-checkout", body: [{ op: "replace", path: "/spec/http/0/timeout", value: "9s" }] }, admin.jsonPatch);
      const edited = await read("fd-test-checkout");
      await expect(driver.apply(t, undo, false)).rejects.toBeInstanceOf(AppError);
      expect((await read("fd-test-checkout")).spec).toEqual(edited.spec);

      await remove("fd-test-checkout");
      await expect(driver.revert(t, undo)).resolves.toBeUndefined();
      expect(await driver.inspect(t, undo)).toBe("absent");
    });

    it("a value the CRD refuses comes back from the API server as a clear BAD_INPUT", async () => {
      await create("fd-test-checkout", "checkout", checkoutSpec);
      const { findFaultKind } = await import("@/lib/faults/catalog");
      // The form refuses it first…
      expect(findFaultKind("istio-fault")!.params.safeParse({ type: "delay", delayMs: 0 }).success).toBe(false);
      // …and the API server's CEL rule on fixedDelay refuses it too, through Firedrill's error mapping.
      const before = await read("fd-test-checkout");
      const ops = [
        { op: "test", path: "/spec/http", value: before.spec.http },
        { op: "replace", path: "/spec/http", value: before.spec.http.map((r) => ({ ...r, fault: { delay: { fixedDelay: "0ms", percentage: { value: 50 } } } })) },
      ];
      const error = await k8s("injecting a fault into VirtualService (dry run)", () => customObjects(f.client).patchNamespacedCustomObject({ ...VS, namespace: ns(), name: "fd-test-checkout", body: ops, dryRun: "All", fieldValidation: "Strict" }, f.client.jsonPatch)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_INPUT");
      expect((error as AppError).message).toMatch(/fixedDelay.*must be a valid duration greater than 1ms/);
    });
  });
});
