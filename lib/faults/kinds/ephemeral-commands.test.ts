// Issue 15, item 2: the stress image holds /stress-ng and nothing else, so the
// container spec Firedrill sends runs the stressor itself; on the old code it was
// `sh -c "stress-ng …"`, which cannot start there.
import { describe, expect, it, vi } from "vitest";
import type { V1EphemeralContainer } from "@kubernetes/client-node";

vi.mock("server-only", () => ({}));

async function sentContainer(kindName: "stress" | "network-delay", params: Record<string, unknown>): Promise<V1EphemeralContainer> {
  const { findClusterFault } = await import("../registry");
  const { DEFAULT_GUARDRAILS } = await import("@/lib/k8s/guardrails");
  let sent: V1EphemeralContainer | undefined;
  const client = { core: { patchNamespacedPodEphemeralcontainers: async (req: { body: { spec: { ephemeralContainers: V1EphemeralContainer[] } } }) => ((sent = req.body.spec.ephemeralContainers[0]), {}) } };
  const kind = findClusterFault(kindName)!;
  const bound = kind.bind(params, { client: client as never, targets: {} as never, guardrails: DEFAULT_GUARDRAILS, runId: "run-1234567890", stepIndex: 0, round: 0, durationSec: 60 });
  await bound.apply({ kind: "Pod", namespace: "demo", name: "checkout-1" }, { uid: "u", targetContainer: "checkout" }, false);
  return sent!;
}

describe("the container spec of the ephemeral faults", () => {
  it("stress runs /stress-ng directly, with no shell", async () => {
    const c = await sentContainer("stress", { cpuWorkers: 2, memoryMb: 64 });
    expect(c.image).toBe("ghcr.io/alexei-led/stress-ng:latest");
    expect(c.command).toEqual(["/stress-ng", "--cpu", "2", "--vm", "1", "--vm-bytes", "64M", "--timeout", "60s"]);
  });

  it("network delay runs its script in the nettools image, which has a shell and tc", async () => {
    const c = await sentContainer("network-delay", { latencyMs: 100 });
    expect(c.image).toBe("ghcr.io/alexei-led/pumba-debian-nettools:latest");
    expect(c.command?.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(c.command?.[2]).toMatch(/tc qdisc add dev eth0 root netem delay 100ms/);
  });

  it("refuses an image off the allow-list at apply, not only in preflight", async () => {
    await expect(sentContainer("stress", { image: "registry.attacker.example/miner:1" })).rejects.toThrow(/image allow-list/);
  });
});
