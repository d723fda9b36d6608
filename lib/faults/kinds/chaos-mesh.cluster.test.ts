// Chaos Mesh kinds through the engine against the real test bed (Chaos
// Mesh's official CRDs, no controller): preview names the one PodSelector the
// run records, with the pods it resolves to, the chaos object exists with the
// intended spec during the run, and after revert the namespace's chaos
// objects equal their snapshot.
import { beforeAll, describe, expect, it } from "vitest";
import { adminClient, testbed } from "@/lib/testing/testbed";
import type { ClusterClient } from "@/lib/k8s/client";
import { AppError } from "@/lib/errors";
import { k8s } from "../cluster-call";
import type { FaultTarget } from "../fault-module";
import { customObjects, STRICT, type CustomResourceFault } from "../builders/custom-resource";
import { bindFault, IN_CLUSTER_RUN, ledgerOf, previewOf, runFixture, saveExperiment, stepBaseFor, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";
import { chaosMeshPod } from "./chaos-mesh-pod";
import { chaosMeshNetwork } from "./chaos-mesh-network";
import { chaosMeshHttp } from "./chaos-mesh-http";
import { chaosMeshStress } from "./chaos-mesh-stress";
import { chaosMeshIo } from "./chaos-mesh-io";
import { chaosMeshTime } from "./chaos-mesh-time";
import { chaosMeshDns } from "./chaos-mesh-dns";

const ns = () => testbed().demoNamespace;
let admin: ClusterClient;
let f: RunFixture;

type Obj = { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown> };
const list = async (d: CustomResourceFault) =>
  ((await customObjects(admin).listNamespacedCustomObject({ group: d.resource.group, version: d.resource.version, plural: d.resource.plural, namespace: ns() })) as { items: Obj[] }).items;
const names = (items: Obj[]) => items.map((o) => o.metadata.name).sort();

const CASES: { driver: CustomResourceFault; params: Record<string, unknown>; sample: Record<string, unknown>; expected: Record<string, unknown> }[] = [
  { driver: chaosMeshPod, params: { action: "pod-failure" }, sample: { mode: "count", value: 1 }, expected: { action: "pod-failure", mode: "fixed", value: "1" } },
  { driver: chaosMeshNetwork, params: { action: "delay", latencyMs: 300, jitterMs: 30 }, sample: { mode: "all" }, expected: { action: "delay", delay: { latency: "300ms", jitter: "30ms" }, mode: "all" } },
  { driver: chaosMeshHttp, params: { action: "replace-status", statusCode: 500, port: 8080 }, sample: { mode: "percent", value: 50 }, expected: { target: "Response", replace: { code: 500 }, port: 8080, mode: "fixed-percent", value: "50" } },
  { driver: chaosMeshStress, params: { cpuWorkers: 2, cpuLoad: 80 }, sample: { mode: "all" }, expected: { stressors: { cpu: { workers: 2, load: 80 } } } },
  { driver: chaosMeshIo, params: { action: "fault", errno: 28 }, sample: { mode: "all" }, expected: { action: "fault", errno: 28, volumePath: "/data" } },
  { driver: chaosMeshTime, params: { offsetSec: 3600 }, sample: { mode: "all" }, expected: { timeOffset: "3600s" } },
  { driver: chaosMeshDns, params: { action: "random", patterns: "payments.example.com" }, sample: { mode: "all" }, expected: { action: "random", patterns: ["payments.example.com"] } },
];

describe.runIf(IN_CLUSTER_RUN)("Chaos Mesh drivers against the test bed", () => {
  beforeAll(async () => {
    admin = adminClient();
    f = await runFixture("Chaos Mesh tests");
  });

  it.each(CASES.map((c) => [c.driver.resource.kind, c] as const))("%s: preview matches the ledger; the object exists with the intended spec; revert leaves the namespace as before", async (_, c) => {
    const targets = { namespace: ns(), labelSelector: "app=checkout", sample: c.sample };
    const exp = await saveExperiment(f, `${c.driver.kind} on checkout`, [{ kind: c.driver.kind, params: c.params }], targets, 300);
    const snapshot = names(await list(c.driver));

    const preview = await previewOf(f, exp);
    expect(preview[0].problems).toEqual([]);
    expect(preview[0].chosen).toHaveLength(1);
    expect(preview[0].chosen[0]).toMatchObject({ kind: "PodSelector", namespace: ns(), name: "app=checkout", selector: "app=checkout,firedrill.dev/protected notin (true)" });
    expect(preview[0].chosen[0].pods).toHaveLength(3);
    expect(names(await list(c.driver))).toEqual(snapshot); // the dry run created nothing

    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(f.user, exp.id);
    const entries = await ledgerOf(runId);
    expect(entries).toHaveLength(1);
    expect(entries[0].state).toBe("applied");
    expect(entries[0].target).toEqual(preview[0].chosen[0]);

    const ours = (await list(c.driver)).filter((o) => o.metadata.labels?.["firedrill.dev/run"] === runId);
    expect(ours).toHaveLength(1);
    expect(ours[0].metadata.name).toBe(`firedrill-${c.driver.kind}-${runId.slice(-10).toLowerCase()}-0`);
    expect(ours[0].metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "firedrill" });
    expect(ours[0].spec).toMatchObject({ ...c.expected, selector: { namespaces: [ns()], labelSelectors: { app: "checkout" }, expressionSelectors: [{ key: "firedrill.dev/protected", operator: "NotIn", values: ["true"] }] }, duration: "300s" });
    // Everything Firedrill meant to write was kept (nothing pruned by the API server).
    const base = await stepBaseFor(f.client, targets, { runId, durationSec: 300 });
    const target = entries[0].target as unknown as FaultTarget;
    expect(ours[0].spec).toMatchObject(c.driver.manifest(c.params, base, target).spec);
    const bound = c.driver.bind(c.params, base);
    expect(await bound.inspect(target, entries[0].undo)).toBe("present");

    await endRun(f.user, runId, "stop", "test done");
    expect((await ledgerOf(runId)).every((e) => e.state === "reverted")).toBe(true);
    expect(names(await list(c.driver))).toEqual(snapshot);
    // Idempotent: the object is gone, reverting again is done.
    await expect(bound.revert(target, entries[0].undo)).resolves.toBeUndefined();
    expect(await bound.inspect(target, entries[0].undo)).toBe("absent");
  });

  it("a value the CRD refuses comes back from the API server as a clear BAD_INPUT", async () => {
    const { findFaultKind } = await import("@/lib/faults/catalog");
    expect(findFaultKind("chaos-mesh-stress")!.params.safeParse({ cpuWorkers: 9000 }).success).toBe(false);
    // The form refuses it first; written anyway, the API server refuses it too, through Firedrill's error mapping.
    const t = { kind: "PodSelector", namespace: ns(), name: "app=checkout" };
    const body = chaosMeshStress.manifest({}, await stepBaseFor(f.client, { namespace: ns(), labelSelector: "app=checkout" }), t);
    body.spec.stressors = { cpu: { workers: 9000, load: 100 } };
    const r = chaosMeshStress.resource;
    const error = await k8s("creating Chaos Mesh StressChaos (dry run)", () => customObjects(f.client).createNamespacedCustomObject({ group: r.group, version: r.version, plural: r.plural, namespace: ns(), body, dryRun: "All", fieldValidation: STRICT })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    expect((error as AppError).message).toMatch(/StressChaos.*spec\.stressors\.cpu\.workers.*8192/);
  });

  it("the firedrill identity cannot create chaos outside its namespace", async () => {
    const bound = await bindFault(f.client, "chaos-mesh-pod", {}, { namespace: "default", labelSelector: "app=x" });
    const error = await bound.dryRun({ kind: "PodSelector", namespace: "default", name: "app=x" }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("FORBIDDEN");
  });
});
