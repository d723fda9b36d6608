// The confirmation rules on the statuses a kubelet and the Chaos Mesh controller
// write (shapes as the bed's real node and controller report them; the cluster
// tests in lib/runs/engine/confirm-faults.cluster.test.ts read the real ones).
import { describe, expect, it, vi } from "vitest";
import type { V1Pod } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { confirmFaultContainer, RUNNING_FOR_MS } from "./confirm-fault-container";
import { confirmChaosMesh, neverInjected } from "./confirm-chaos-mesh";
import { assertImageAllowed } from "./image-allowlist";
import { DEFAULT_GUARDRAILS } from "@/lib/k8s/guardrails";

vi.mock("server-only", () => ({}));

const target = { kind: "Pod", namespace: "demo", name: "checkout-1" };
const c = "firedrill-stress-abc-0-0";
const pod = (state: Record<string, unknown> | null, uid = "u1"): V1Pod => ({ metadata: { uid }, status: { ephemeralContainerStatuses: state ? [{ name: c, image: "i", imageID: "", ready: false, restartCount: 0, state }] : [] } }) as unknown as V1Pod;
const client = (log = "") => ({ core: { readNamespacedPodLog: vi.fn(async () => log) } }) as unknown as ClusterClient;
const confirm = (p: V1Pod | null, phase: "effect" | "recovered" = "effect", log = "", now = Date.now()) => confirmFaultContainer({ client: client(log), pod: p, uid: "u1", container: c, phase, target, now });

describe("an ephemeral fault container", () => {
  it("is in effect once it has run for a while, not the moment it starts", async () => {
    const started = new Date(Date.now() - 1000);
    expect((await confirm(pod({ running: { startedAt: started } }))).state).toBe("pending");
    expect((await confirm(pod({ running: { startedAt: started } }), "effect", "", started.getTime() + RUNNING_FOR_MS)).state).toBe("confirmed");
  });

  it("fails with the runtime's reason when it cannot start (a shell in a shell-less image)", async () => {
    const r = await confirm(pod({ waiting: { reason: "RunContainerError", message: 'exec: "sh": executable file not found in $PATH' } }));
    expect(r).toEqual({ state: "failed", detail: 'The fault container cannot start: RunContainerError: exec: "sh": executable file not found in $PATH.' });
  });

  it("fails with the exit code and its last log lines when it exits non-zero", async () => {
    const r = await confirm(pod({ terminated: { exitCode: 2, reason: "Error" } }), "effect", "Error: Specified qdisc kind is unknown.\n");
    expect(r.state).toBe("failed");
    expect(r.detail).toBe("The fault container exited with code 2 (Error). Last lines: Error: Specified qdisc kind is unknown.");
  });

  it("waits while the image is prepared, and counts exit 0 as in effect", async () => {
    expect((await confirm(pod({ waiting: { reason: "ContainerCreating" } }))).state).toBe("pending");
    expect((await confirm(pod(null))).state).toBe("pending");
    expect((await confirm(pod({ terminated: { exitCode: 0, reason: "Completed" } }))).state).toBe("confirmed");
  });

  it("fails when the pod was replaced before the fault ran, and is recovered once the container ended or the pod was replaced", async () => {
    expect((await confirm(pod({ running: {} }, "other"))).state).toBe("failed");
    expect((await confirm(pod({ running: { startedAt: new Date() } }), "recovered")).state).toBe("pending");
    expect((await confirm(pod({ terminated: { exitCode: 0 } }), "recovered")).state).toBe("confirmed");
    expect((await confirm(null, "recovered")).state).toBe("confirmed");
  });
});

describe("a Chaos Mesh object", () => {
  const obj = (status: Record<string, unknown> | undefined) => ({ status });
  it("waits for a controller that has written nothing", () => {
    expect(confirmChaosMesh("PodChaos", obj(undefined), "effect")).toMatchObject({ state: "pending", detail: expect.stringMatching(/is it running/) });
  });
  it("is in effect when every record is injected", () => {
    const s = { conditions: [{ type: "AllInjected", status: "True" }], experiment: { containerRecords: [{ id: "demo/checkout-1", phase: "Injected", injectedCount: 1 }] } };
    expect(confirmChaosMesh("PodChaos", obj(s), "effect")).toEqual({ state: "confirmed", detail: "Chaos Mesh injected all 1 record(s) (demo/checkout-1)." });
  });
  it("fails with the controller's message from a Failed Apply event", () => {
    const s = { conditions: [{ type: "AllInjected", status: "False" }], experiment: { containerRecords: [{ id: "demo/checkout-1", phase: "Not Injected", events: [{ type: "Failed", operation: "Apply", message: 'Endpoints "chaos-daemon" not found' }] }] } };
    expect(confirmChaosMesh("StressChaos", obj(s), "effect")).toEqual({ state: "failed", detail: 'Chaos Mesh failed to inject into demo/checkout-1: Endpoints "chaos-daemon" not found' });
  });
  it("tells an object that never injected anything (safe to release) from one that did", () => {
    const failed = { status: { experiment: { containerRecords: [{ id: "a", phase: "Not Injected/Wait", injectedCount: 0, events: [{ type: "Failed", operation: "Apply", message: "no daemon" }] }] } } };
    const injected = { status: { experiment: { containerRecords: [{ id: "a", phase: "Not Injected/Wait", injectedCount: 1, events: [{ type: "Succeeded", operation: "Apply" }] }] } } };
    expect(neverInjected(failed)).toBe(true);
    expect(neverInjected(injected)).toBe(false);
    expect(neverInjected({ status: { experiment: { containerRecords: [{ id: "a", phase: "Injected" }] } } })).toBe(false);
  });

  it("is recovered once the controller released the object", () => {
    expect(confirmChaosMesh("PodChaos", null, "recovered").state).toBe("confirmed");
    expect(confirmChaosMesh("PodChaos", obj({ experiment: { containerRecords: [{ id: "x", phase: "Injected" }] } }), "recovered").state).toBe("pending");
  });
});

describe("the image allow-list", () => {
  it("allows the default images and refuses any other", () => {
    expect(() => assertImageAllowed(DEFAULT_GUARDRAILS, "ghcr.io/alexei-led/stress-ng:latest")).not.toThrow();
    expect(() => assertImageAllowed(DEFAULT_GUARDRAILS, "registry.attacker.example/miner:1")).toThrow(/not on this cluster's image allow-list/);
    expect(() => assertImageAllowed({ ...DEFAULT_GUARDRAILS, allowedImages: [] }, "ghcr.io/alexei-led/stress-ng:latest")).toThrow(/allows no fault images/);
  });
});
