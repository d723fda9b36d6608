import { describe, expect, it } from "vitest";
import { experimentSchema } from "@/lib/experiments/schemas";
import { findFaultKind } from "@/lib/faults/catalog";
import { BUILTIN_LIBRARY } from "./builtin";

describe("the library of ready experiments", () => {
  it("every entry is an experiment the editor accepts (validated by the editor's schema), and says what it needs", () => {
    for (const e of BUILTIN_LIBRARY) {
      const people = e.spec.faults.every((f) => findFaultKind(f.kind)?.backend === "people");
      const parsed = experimentSchema.safeParse({ ...e.spec, title: e.title, gameDayId: "gameday1", clusterId: people ? undefined : "cluster1" });
      expect(parsed.error?.issues ?? [], e.id).toEqual([]);
      expect(e.needs.length, e.id).toBeGreaterThan(0);
    }
  });

  it("holds the classics the issue names", () => {
    const ids = BUILTIN_LIBRARY.map((e) => e.id);
    for (const id of ["chaos-monkey-termination", "pumba-delay-3000ms", "istio-delay", "istio-abort", "powerfulseal-kill-random-pod", "powerfulseal-zone-node-down", "control-plane-etcd-member-down", "control-plane-slow-apiserver", "control-plane-busy-apiserver", "control-plane-kubelet-stops-reporting", "control-plane-controller-manager-leader-loss", "control-plane-scheduler-leader-loss", "people-staycation", "people-liar-liar", "people-slow-lane", "people-inside-job"]) {
      expect(ids).toContain(id);
    }
    const monkey = BUILTIN_LIBRARY.find((e) => e.id === "chaos-monkey-termination")!;
    expect(monkey.spec.targets?.repeat).toEqual({ count: 5, intervalSec: 60, probability: 0.5 });
    const pumba = BUILTIN_LIBRARY.find((e) => e.id === "pumba-delay-3000ms")!;
    expect([pumba.spec.faults[0].params?.latencyMs, pumba.spec.durationSec]).toEqual([3000, 60]);
  });
});
