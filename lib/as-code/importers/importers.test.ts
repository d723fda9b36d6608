import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planImport, type ImportPlan } from "../import-documents";

const ctx = { gameDayId: "gameday1", clusterId: "cluster1" };
const example = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "examples", name), "utf8");
const plan = (name: string) => planImport(example(name), ctx);
/** The unmapped parts as "line path", to compare against the example text. */
const unmapped = (p: ImportPlan) => p.unmapped.map((u) => `${u.line} ${u.path}`);
/** The line of the first occurrence of `text` in an example, after line `after`. */
const lineOf = (name: string, text: string, after = 0) => example(name).split("\n").findIndex((l, i) => i >= after && l.includes(text)) + 1;

describe("Chaos Mesh", () => {
  it("PodChaos: selector, mode, duration and grace period map; the second namespace and annotation selector are listed", () => {
    const p = plan("chaos-mesh-pod-kill.yaml");
    expect(p.ok).toBe(true);
    expect(p.experiments).toHaveLength(1);
    const e = p.experiments[0].input!;
    expect(e.title).toBe("kill-one-checkout-pod");
    expect(e.faults).toEqual([{ kind: "chaos-mesh-pod", params: { action: "pod-kill", gracePeriodSeconds: 5, containerName: "" } }]);
    expect(e.targets).toMatchObject({ namespace: "shop", labelSelector: "app=checkout", sample: { mode: "count", value: 1 } });
    expect(e.durationSec).toBe(30);
    expect(unmapped(p)).toEqual([`${lineOf("chaos-mesh-pod-kill.yaml", "shop-canary")} spec.selector.namespaces.1`, `${lineOf("chaos-mesh-pod-kill.yaml", "annotationSelectors")} spec.selector.annotationSelectors`]);
  });

  it("all seven kinds: each document becomes its kind's fault; what has no equivalent is listed, with its line", () => {
    const p = plan("chaos-mesh-kinds.yaml");
    expect(p.ok).toBe(true);
    const byTitle = Object.fromEntries(p.experiments.map((e) => [e.title, e.input!]));
    expect(byTitle["slow-payments"].faults[0]).toEqual({ kind: "chaos-mesh-network", params: { action: "delay", latencyMs: 250, jitterMs: 20, lossPercent: 10, direction: "to" } });
    expect(byTitle["slow-payments"].durationSec).toBe(120);
    expect(byTitle["abort-catalog-requests"].faults[0].params).toMatchObject({ action: "abort", port: 8080, path: "/api/*" });
    expect(byTitle["abort-catalog-requests"].targets.sample).toEqual({ mode: "percent", value: 50 });
    expect(byTitle["burn-checkout-cpu"].faults[0].params).toEqual({ cpuWorkers: 2, cpuLoad: 80, memoryWorkers: 1, memoryMb: 512 });
    expect(byTitle["burn-checkout-cpu"].targets).toMatchObject({ labelSelector: "app in (checkout,cart)", sample: { mode: "count", value: 2 } });
    expect(byTitle["slow-orders-disk"].faults[0].params).toMatchObject({ action: "latency", volumePath: "/var/lib/postgresql/data", delayMs: 100, percent: 50, containerName: "postgres" });
    expect(byTitle["clock-skew"].faults[0].params).toEqual({ offsetSec: -600, containerName: "" });
    expect(byTitle["no-dns-for-payments"].faults[0].params).toEqual({ action: "error", patterns: "payments.example.com, stripe.*" });
    expect(Object.keys(byTitle)).toHaveLength(6);
    expect(p.unmapped.map((u) => u.path)).toEqual(["spec.delay.correlation", "spec.target", "spec.method", "spec.stressngStressors", "spec.methods", "spec.clockIds", "spec.action", "spec.bandwidth"]);
    const bandwidth = p.unmapped.find((u) => u.path === "spec.action")!;
    expect(bandwidth).toMatchObject({ value: "bandwidth", line: lineOf("chaos-mesh-kinds.yaml", "action: bandwidth") });
    expect(bandwidth.why).toMatch(/delay, loss and partition only/);
  });

  it("Schedule: the wrapped spec maps; the cron schedule and its bookkeeping are listed", () => {
    const p = plan("chaos-mesh-schedule.yaml");
    const e = p.experiments[0].input!;
    expect(e.faults[0]).toMatchObject({ kind: "chaos-mesh-pod", params: { action: "pod-failure" } });
    expect(e.targets).toMatchObject({ namespace: "shop", labelSelector: "app=cart", sample: { mode: "percent", value: 30 } });
    expect(e.durationSec).toBe(45);
    expect(p.unmapped.map((u) => u.path)).toEqual(["spec.schedule", "spec.historyLimit", "spec.concurrencyPolicy"]);
    expect(p.experiments[0].notes.join(" ")).toMatch(/object's own namespace, shop/);
  });

  it("a value Firedrill refuses is a field error on the source line, and nothing is importable", () => {
    const text = "apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata:\n  name: x\nspec:\n  action: delay\n  mode: all\n  selector:\n    namespaces: [demo]\n  delay:\n    latency: 90s\n  duration: 30s\n";
    const p = planImport(text, ctx);
    expect(p.ok).toBe(false);
    expect(p.experiments[0].problems).toEqual([expect.objectContaining({ line: 11, path: "faults.0.params.latencyMs", message: expect.stringMatching(/at most 60000/) })]);
  });
});

describe("LitmusChaos ChaosEngine", () => {
  it("appinfo, service account, duration, share of pods and the Prometheus probe map; the rest is listed", () => {
    const p = plan("litmus-chaosengine.yaml");
    expect(p.ok).toBe(true);
    const e = p.experiments[0].input!;
    expect(e.faults).toEqual([{ kind: "litmus-engine", params: { experiment: "pod-delete", appKind: "deployment", serviceAccount: "pod-delete-sa" } }]);
    expect(e.targets).toMatchObject({ namespace: "shop", labelSelector: "app=checkout", sample: { mode: "percent", value: 50 } });
    expect(e.durationSec).toBe(60);
    expect(e.steadyState).toEqual([{ name: "checkout-error-ratio", query: expect.stringContaining("http_requests_total"), comparator: "<=", threshold: 0.01, windowSec: 60 }]);
    expect(p.unmapped.map((u) => u.path)).toEqual([
      "spec.annotationCheck",
      "spec.experiments.0.spec.components.env.1",
      "spec.experiments.0.spec.components.env.2",
      "spec.experiments.0.spec.probe.0.promProbe/inputs.endpoint",
      "spec.experiments.0.spec.probe.0.runProperties",
      "spec.experiments.0.spec.probe.1",
    ]);
    expect(p.unmapped.find((u) => u.path === "spec.experiments.0.spec.probe.1")!.why).toMatch(/httpProbe has no equivalent/);
  });
});

describe("Istio VirtualService", () => {
  it("each delay and abort block becomes an experiment on that VirtualService; route scoping and gRPC aborts are listed", () => {
    const p = plan("istio-virtualservice.yaml");
    expect(p.ok).toBe(true);
    expect(p.experiments.map((e) => e.input!.faults[0].params)).toEqual([
      { type: "delay", percentage: 10, delayMs: 5000, httpStatus: 503 },
      { type: "abort", percentage: 50, delayMs: 1000, httpStatus: 503 },
    ]);
    expect(p.experiments[0].input!.targets).toMatchObject({ namespace: "shop", names: ["ratings"] });
    const reviews = lineOf("istio-virtualservice.yaml", "name: reviews");
    expect(unmapped(p)).toEqual([`${lineOf("istio-virtualservice.yaml", "match:")} spec.http.0.match`, `${lineOf("istio-virtualservice.yaml", "abort:", reviews)} spec.http.0.fault.abort`]);
    expect(p.unmapped[1].why).toMatch(/HTTP status only/);
  });
});

describe("PowerfulSeal policy", () => {
  it("pod and node actions map to pod-kill and node-drain with sample, probabilities, waits and runs; probeHTTP to an HTTP probe; filters and kubectl are listed", () => {
    const p = plan("powerfulseal-policy.yaml");
    expect(p.ok).toBe(true);
    const [pods, node] = p.experiments.map((e) => e.input!);
    expect(pods.title).toBe("Kill a random checkout pod");
    expect(pods.hypothesis).toBe("Checkout keeps answering while one of its pods is killed.");
    expect(pods.faults).toEqual([{ kind: "pod-kill", params: { gracePeriodSeconds: 0, force: true } }]);
    expect(pods.targets).toMatchObject({ namespace: "shop", labelSelector: "app=checkout", sample: { mode: "count", value: 1 }, probability: 0.75, repeat: { count: 3, intervalSec: 30, probability: 1 } });
    expect(pods.durationSec).toBe(20 + 2 * 30);
    expect(node.faults).toEqual([{ kind: "node-drain", params: { drain: true, gracePeriodSeconds: 30 } }]);
    expect(node.targets).toMatchObject({ nodeSelector: "topology.kubernetes.io/zone=zone-a", sample: { mode: "count", value: 1 } });
    expect(node.durationSec).toBe(120 + 2 * 30);
    expect(p.experiments[1].notes.join(" ")).toMatch(/start step is Firedrill's revert/);
    expect(p.unmapped.map((u) => u.path)).toEqual([
      "config.runStrategy.maxSecondsBetweenRuns",
      "config.exitStrategy",
      "scenarios.0.steps.0.podAction.filters.0",
      "scenarios.0.steps.2.probeHTTP.retries",
      "scenarios.1.steps.0.nodeAction.filters.1",
      "scenarios.1.steps.3",
    ]);
    // The check after the kill: the service by its cluster DNS name, every request over 30 s must succeed.
    expect(pods.steadyState).toEqual([{ kind: "http", name: "HTTP check /healthz", query: "", comparator: ">=", threshold: 1, windowSec: 30, http: { url: "http://checkout.shop.svc:8080/healthz", method: "GET", expectedStatus: 200, maxLatencyMs: 1000, intervalSec: 2 } }]);
    expect(p.unmapped.find((u) => u.path === "scenarios.0.steps.2.probeHTTP.retries")).toMatchObject({ line: lineOf("powerfulseal-policy.yaml", "retries"), why: expect.stringMatching(/retries was not read/) });
  });
});

describe("Chaos Toolkit experiment (JSON)", () => {
  it("the Prometheus probe becomes two bounded probes; each Kubernetes action its own experiment; HTTP probes and the rest are listed", () => {
    const p = plan("chaos-toolkit-experiment.json");
    expect(p.ok).toBe(true);
    const [kill, scale, drain] = p.experiments.map((e) => e.input!);
    expect(kill.hypothesis).toBe("Checkout serves requests with under 1% errors");
    expect(kill.steadyState.map((s) => [s.comparator, s.threshold, s.windowSec])).toEqual([[">=", 0, 120], ["<=", 0.01, 120]]);
    expect(kill.faults).toEqual([{ kind: "pod-kill", params: { gracePeriodSeconds: 0, force: false } }]);
    expect(kill.targets).toMatchObject({ namespace: "shop", labelSelector: "app=checkout", sample: { mode: "count", value: 2 } });
    expect(kill.durationSec).toBe(30);
    expect(scale.faults).toEqual([{ kind: "scale-down", params: { replicas: 1 } }]);
    expect(scale.targets.owner).toEqual({ kind: "Deployment", name: "catalog" });
    expect(drain.faults[0].kind).toBe("node-drain");
    expect(drain.targets).toMatchObject({ nodeSelector: "topology.kubernetes.io/zone=zone-b", sample: { mode: "count", value: 1 } });
    expect(kill.rollbackNotes).toBe("Chaos Toolkit rollbacks: scale-catalog-back.");
    expect(p.unmapped.map((u) => u.path)).toEqual([
      "description",
      "tags",
      "configuration",
      "steady-state-hypothesis.probes.0",
      "steady-state-hypothesis.probes.1.tolerance.target",
      "method.2.provider.arguments.delete_pods_with_local_storage",
      "method.3",
      "method.4",
    ]);
  });
});

describe("every example", () => {
  it("accounts for every key: each top-level field is mapped or listed (nothing dropped silently)", () => {
    // A key added to an example that no importer handles must show up as unmapped.
    const text = example("chaos-mesh-pod-kill.yaml").replace("  gracePeriod: 5\n", "  gracePeriod: 5\n  futureField: 1\n");
    expect(planImport(text, ctx).unmapped.map((u) => u.path)).toContain("spec.futureField");
    const ps = example("powerfulseal-policy.yaml").replace("scenarios:\n", "unknownTop: 1\nscenarios:\n");
    expect(planImport(ps, ctx).unmapped.map((u) => u.path)).toContain("unknownTop");
  });
});
