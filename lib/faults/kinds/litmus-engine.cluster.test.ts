// LitmusChaos ChaosEngine through the engine against the real test bed
// (LitmusChaos's official CRDs, no operator): preflight needs the
// ChaosExperiment, the ChaosEngine exists with the intended spec during the
// run, and after revert the namespace's ChaosEngines equal their snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, testbed } from "@/lib/testing/testbed";
import type { ClusterClient } from "@/lib/k8s/client";
import { customObjects } from "../builders/custom-resource";
import type { FaultTarget } from "../fault-module";
import { stepBaseFor, IN_CLUSTER_RUN, ledgerOf, previewOf, runFixture, saveExperiment, type RunFixture } from "@/lib/faults/crd-params/cluster-fixtures";
import { litmusEngine } from "./litmus-engine";

const ns = () => testbed().demoNamespace;
const LITMUS = { group: "litmuschaos.io", version: "v1alpha1" };
const EXPERIMENT = "fd-test-pod-delete";
let admin: ClusterClient;
let f: RunFixture;

const engines = async () =>
  ((await customObjects(admin).listNamespacedCustomObject({ ...LITMUS, plural: "chaosengines", namespace: ns() })) as { items: { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown> }[] }).items;
const removeExperiment = () => customObjects(admin).deleteNamespacedCustomObject({ ...LITMUS, plural: "chaosexperiments", namespace: ns(), name: EXPERIMENT }).catch(() => undefined);

describe.runIf(IN_CLUSTER_RUN)("litmus-engine against the test bed", () => {
  beforeAll(async () => {
    admin = adminClient();
    f = await runFixture("LitmusChaos tests");
    await removeExperiment();
    // What ChaosHub's pod-delete installs, reduced to the fields the CRD requires.
    await customObjects(admin).createNamespacedCustomObject({
      ...LITMUS,
      plural: "chaosexperiments",
      namespace: ns(),
      body: {
        apiVersion: "litmuschaos.io/v1alpha1",
        kind: "ChaosExperiment",
        metadata: { name: EXPERIMENT, namespace: ns() },
        spec: {
          definition: {
            scope: "Namespaced",
            image: "litmuschaos/go-runner:3.0.0",
            command: ["/bin/bash"],
            args: ["-c", "./experiments -name pod-delete"],
            permissions: [{ apiGroups: [""], resources: ["pods"], verbs: ["delete", "get", "list"] }],
            env: [{ name: "TOTAL_CHAOS_DURATION", value: "15" }],
          },
        },
      },
    });
  });

  afterAll(async () => {
    if (admin) await removeExperiment();
  });

  it("preflight refuses a ChaosExperiment that is not installed, and a sample by count", async () => {
    const missing = await saveExperiment(f, "litmus missing", [{ kind: "litmus-engine", params: { experiment: "not-installed" } }], { namespace: ns(), labelSelector: "app=checkout" });
    expect((await previewOf(f, missing))[0].problems.join(" ")).toMatch(/no ChaosExperiment "not-installed" in namespace demo/);
    const counted = await saveExperiment(f, "litmus count", [{ kind: "litmus-engine", params: { experiment: EXPERIMENT } }], { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } });
    expect((await previewOf(f, counted))[0].problems.join(" ")).toMatch(/percentage of the pods, not a count/);
  });

  it("preview matches the ledger; the ChaosEngine exists with the intended spec; revert leaves the namespace as before", async () => {
    const targets = { namespace: ns(), labelSelector: "app=checkout", sample: { mode: "percent", value: 50 } };
    const exp = await saveExperiment(f, "litmus pod-delete", [{ kind: "litmus-engine", params: { experiment: EXPERIMENT } }], targets, 60);
    const snapshot = (await engines()).map((e) => e.metadata.name).sort();
    const preview = await previewOf(f, exp);
    expect(preview[0].problems).toEqual([]);
    expect(preview[0].chosen).toHaveLength(1);
    expect(preview[0].chosen[0].pods).toHaveLength(3);

    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(f.user, exp.id);
    const entries = await ledgerOf(runId);
    expect(entries).toHaveLength(1);
    expect(entries[0].target).toEqual(preview[0].chosen[0]);
    const ours = (await engines()).filter((e) => e.metadata.labels?.["firedrill.dev/run"] === runId);
    expect(ours).toHaveLength(1);
    expect(ours[0].spec).toEqual({
      engineState: "active",
      // The label selector Litmus lists pods with excludes the protected label.
      appinfo: { appns: ns(), applabel: "app=checkout,firedrill.dev/protected notin (true)", appkind: "deployment" },
      chaosServiceAccount: "litmus-admin",
      jobCleanUpPolicy: "delete",
      experiments: [{ name: EXPERIMENT, spec: { components: { env: [{ name: "TOTAL_CHAOS_DURATION", value: "60" }, { name: "PODS_AFFECTED_PERC", value: "50" }] } } }],
    });

    await endRun(f.user, runId, "stop", "test done");
    expect((await ledgerOf(runId)).every((e) => e.state === "reverted")).toBe(true);
    expect((await engines()).map((e) => e.metadata.name).sort()).toEqual(snapshot);
    const bound = litmusEngine.bind({ experiment: EXPERIMENT }, await stepBaseFor(f.client, targets, { runId }));
    const target = entries[0].target as unknown as FaultTarget;
    await expect(bound.revert(target, entries[0].undo)).resolves.toBeUndefined();
    expect(await bound.inspect(target, entries[0].undo)).toBe("absent");
  });
});
