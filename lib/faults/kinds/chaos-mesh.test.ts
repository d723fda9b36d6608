import { describe, expect, it } from "vitest";
import type { ClusterClient } from "@/lib/k8s/client";
import { guardrailsSchema } from "@/lib/k8s/guardrails";
import { findFaultKind } from "@/lib/faults/catalog";
import { targetsSchema } from "@/lib/experiments/schemas";
import type { FaultTarget, StepBase } from "../fault-module";
import { chaosMeshCommon, chaosMeshMode } from "../builders/chaos-mesh";
import type { CustomResourceFault } from "../builders/custom-resource";
import { chaosMeshPod } from "./chaos-mesh-pod";
import { chaosMeshNetwork } from "./chaos-mesh-network";
import { chaosMeshHttp } from "./chaos-mesh-http";
import { chaosMeshStress } from "./chaos-mesh-stress";
import { chaosMeshIo } from "./chaos-mesh-io";
import { chaosMeshTime } from "./chaos-mesh-time";
import { chaosMeshDns } from "./chaos-mesh-dns";
import { litmusEngine } from "./litmus-engine";

const target: FaultTarget = { kind: "PodSelector", namespace: "demo", name: "app=checkout,tier in (frontend, edge)", selector: "app=checkout,tier in (frontend, edge),firedrill.dev/protected notin (true)" };

function base(targets: Record<string, unknown> = {}): StepBase {
  return { client: {} as ClusterClient, guardrails: guardrailsSchema.parse({}), targets: targetsSchema.parse(targets), runId: "cmRunIdABCDEFGHIJ", stepIndex: 2, round: 0, durationSec: 90 };
}
const specOf = (d: CustomResourceFault, params: Record<string, unknown> = {}, targets: Record<string, unknown> = {}) => d.manifest(params, base(targets), target).spec;

describe("Chaos Mesh common fields", () => {
  it("maps the sample to mode and value", () => {
    expect(chaosMeshMode({ mode: "all", value: 0 })).toEqual({ mode: "all" });
    expect(chaosMeshMode({ mode: "count", value: 2 })).toEqual({ mode: "fixed", value: "2" });
    expect(chaosMeshMode({ mode: "percent", value: 33.4 })).toEqual({ mode: "fixed-percent", value: "33" });
  });

  it("builds the selector from the namespace and the target's selector (protected labels excluded), and the duration", () => {
    expect(chaosMeshCommon(targetsSchema.parse({}), target, 90)).toEqual({
      selector: {
        namespaces: ["demo"],
        labelSelectors: { app: "checkout" },
        expressionSelectors: [
          { key: "tier", operator: "In", values: ["frontend", "edge"] },
          { key: "firedrill.dev/protected", operator: "NotIn", values: ["true"] },
        ],
      },
      mode: "all",
      duration: "90s",
    });
  });

  it("names and labels the object deterministically per run and step", () => {
    const m = chaosMeshPod.manifest({}, base(), target);
    expect(m.apiVersion).toBe("chaos-mesh.org/v1alpha1");
    expect(m.kind).toBe("PodChaos");
    expect(m.metadata).toEqual({ name: "firedrill-chaos-mesh-pod-abcdefghij-2", namespace: "demo", labels: { "app.kubernetes.io/managed-by": "firedrill", "firedrill.dev/run": "cmRunIdABCDEFGHIJ" } });
  });
});

describe("Chaos Mesh specs from the catalog parameters", () => {
  it("PodChaos", () => {
    expect(specOf(chaosMeshPod)).toMatchObject({ action: "pod-kill", gracePeriod: 0 });
    expect(specOf(chaosMeshPod, { action: "container-kill", containerName: "app" })).toMatchObject({ action: "container-kill", containerNames: ["app"] });
    expect(findFaultKind("chaos-mesh-pod")!.params.safeParse({ action: "container-kill" }).error?.issues[0].path).toEqual(["containerName"]);
  });

  it("NetworkChaos", () => {
    expect(specOf(chaosMeshNetwork)).toMatchObject({ action: "delay", direction: "to", delay: { latency: "200ms", jitter: "0ms" } });
    expect(specOf(chaosMeshNetwork, { action: "loss", lossPercent: 25 })).toMatchObject({ action: "loss", loss: { loss: "25" } });
    const partition = specOf(chaosMeshNetwork, { action: "partition", direction: "both" });
    expect(partition).toMatchObject({ action: "partition", direction: "both" });
    expect(partition).not.toHaveProperty("delay");
    expect(findFaultKind("chaos-mesh-network")!.params.safeParse({ action: "loss", lossPercent: 0 }).success).toBe(false);
  });

  it("HTTPChaos", () => {
    expect(specOf(chaosMeshHttp)).toMatchObject({ target: "Request", port: 80, path: "*", abort: true });
    expect(specOf(chaosMeshHttp, { action: "delay", delayMs: 300 })).toMatchObject({ target: "Request", delay: "300ms" });
    expect(specOf(chaosMeshHttp, { action: "replace-status", statusCode: 500 })).toMatchObject({ target: "Response", replace: { code: 500 } });
  });

  it("StressChaos", () => {
    expect(specOf(chaosMeshStress)).toMatchObject({ stressors: { cpu: { workers: 1, load: 100 } } });
    expect(specOf(chaosMeshStress, { cpuWorkers: 0, memoryWorkers: 2, memoryMb: 512 })).toMatchObject({ stressors: { memory: { workers: 2, size: "512MB" } } });
    expect(findFaultKind("chaos-mesh-stress")!.params.safeParse({ cpuWorkers: 0 }).success).toBe(false);
  });

  it("IOChaos, TimeChaos, DNSChaos", () => {
    expect(specOf(chaosMeshIo)).toMatchObject({ action: "latency", volumePath: "/data", delay: "100ms", percent: 100 });
    expect(specOf(chaosMeshIo, { action: "fault", errno: 28, path: "/data/**" })).toMatchObject({ action: "fault", errno: 28, path: "/data/**" });
    expect(specOf(chaosMeshTime)).toMatchObject({ timeOffset: "-600s" });
    expect(specOf(chaosMeshDns)).toMatchObject({ action: "error" });
    expect(specOf(chaosMeshDns)).not.toHaveProperty("patterns");
    expect(specOf(chaosMeshDns, { patterns: "google.com, chaos-mesh.*" })).toMatchObject({ patterns: ["google.com", "chaos-mesh.*"] });
    expect(findFaultKind("chaos-mesh-dns")!.params.safeParse({ patterns: "*.example.com" }).success).toBe(false);
  });
});

describe("LitmusChaos ChaosEngine spec", () => {
  it("points the engine at the selected pods and the run's duration", () => {
    expect(specOf(litmusEngine, {}, { sample: { mode: "percent", value: 50 } })).toEqual({
      engineState: "active",
      appinfo: { appns: "demo", applabel: "app=checkout,tier in (frontend, edge),firedrill.dev/protected notin (true)", appkind: "deployment" },
      chaosServiceAccount: "litmus-admin",
      jobCleanUpPolicy: "delete",
      experiments: [{ name: "pod-delete", spec: { components: { env: [{ name: "TOTAL_CHAOS_DURATION", value: "90" }, { name: "PODS_AFFECTED_PERC", value: "50" }] } } }],
    });
  });

  it("refuses a sample by count before touching the cluster", async () => {
    await expect(litmusEngine.bind({}, base({ sample: { mode: "count", value: 1 } })).dryRun(target)).rejects.toThrow(/percentage of the pods, not a count/);
  });
});
