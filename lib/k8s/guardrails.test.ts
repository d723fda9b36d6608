import { describe, expect, it } from "vitest";
import { guardrailsSchema, guardrailViolations, namespaceViolation } from "./guardrails";
import { sampleTargets } from "@/lib/faults/targets/sampling";

describe("guardrails", () => {
  const g = guardrailsSchema.parse({ allowedNamespaces: ["demo"], maxTargets: 2, maxDurationSec: 600 });
  const pod = (namespace: string, name: string, labels?: Record<string, string>) => ({ kind: "Pod", namespace, name, labels });

  it("protects kube-system and labelled objects by default", () => {
    const d = guardrailsSchema.parse({});
    expect(guardrailViolations(d, [pod("kube-system", "coredns-1")], 60)).toEqual(["Pod kube-system/coredns-1 is in the protected namespace kube-system."]);
    expect(guardrailViolations(d, [pod("demo", "db-0", { "firedrill.dev/protected": "true" })], 60)).toEqual(["Pod demo/db-0 carries the protected label firedrill.dev/protected=true."]);
    expect(guardrailViolations(d, [pod("demo", "web-1")], 60)).toEqual([]);
  });

  it("enforces the allow-list, the blast-radius cap and the maximum duration", () => {
    const v = guardrailViolations(g, [pod("demo", "a"), pod("demo", "b"), pod("shop", "c")], 900);
    expect(v).toContain("The duration 900 s is over this cluster's maximum of 600 s.");
    expect(v).toContain("3 targets is over this cluster's blast-radius cap of 2 per step: narrow the selector or sample fewer.");
    expect(v).toContain("Pod shop/c is outside the allowed namespaces (demo).");
    expect(namespaceViolation(g, "kube-system")).toMatch(/protected/);
    expect(namespaceViolation(g, "demo")).toBeNull();
  });

  it("validates its own settings", () => {
    expect(guardrailsSchema.safeParse({ protectedLabels: ["no-equals"] }).error?.issues[0].message).toBe("Write protected labels as key=value.");
    expect(guardrailsSchema.safeParse({ maxTargets: 0 }).error?.issues[0].message).toBe("Allow at least 1 target per step.");
  });
});

describe("target sampling", () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

  it("takes all, N, or P% (rounded up)", () => {
    expect(sampleTargets(items, { mode: "all", value: 0 }, 1, random)).toEqual(items);
    const three = sampleTargets(items, { mode: "count", value: 3 }, 1, random);
    expect(three).toHaveLength(3);
    expect(new Set(three).size).toBe(3);
    expect(sampleTargets(items, { mode: "percent", value: 25 }, 1, random)).toHaveLength(3);
    expect(sampleTargets(items, { mode: "count", value: 50 }, 1, random)).toHaveLength(10);
  });

  it("keeps each target with the given probability", () => {
    expect(sampleTargets(items, { mode: "all", value: 0 }, 0, random)).toEqual([]);
    const kept = sampleTargets(Array.from({ length: 2000 }, (_, i) => i), { mode: "all", value: 0 }, 0.5, random).length;
    expect(kept).toBeGreaterThan(850);
    expect(kept).toBeLessThan(1150);
  });
});

describe("protection before sampling", () => {
  const g = guardrailsSchema.parse({ allowedNamespaces: ["demo", "shop"], protectedLabels: ["firedrill.dev/protected=true", "tier=db"] });

  it("says why one object is protected: namespace, allow-list, its labels or its namespace's", async () => {
    const { protectionReason } = await import("./guardrails");
    expect(protectionReason(g, { kind: "Pod", namespace: "kube-system", name: "a" })).toBe("is in the protected namespace kube-system");
    expect(protectionReason(g, { kind: "Pod", namespace: "other", name: "a" })).toBe("is outside the allowed namespaces (demo, shop)");
    expect(protectionReason(g, { kind: "Pod", namespace: "demo", name: "a", labels: { tier: "db" } })).toBe("carries the protected label tier=db");
    expect(protectionReason(g, { kind: "Pod", namespace: "demo", name: "a", namespaceLabels: { "firedrill.dev/protected": "true" } })).toBe("is in a namespace labelled firedrill.dev/protected=true");
    expect(protectionReason(g, { kind: "Node", name: "n1", labels: { tier: "web" } })).toBeNull();
  });

  it("excludes every protected label from selectors handed to a backend", async () => {
    const { protectedLabelExclusions } = await import("./guardrails");
    const { parseLabelSelector } = await import("./label-selector");
    expect(protectedLabelExclusions(g)).toEqual(["firedrill.dev/protected notin (true)", "tier notin (db)"]);
    expect(parseLabelSelector(["app=checkout", ...protectedLabelExclusions(g)].join(","))).toEqual({
      matchLabels: { app: "checkout" },
      matchExpressions: [
        { key: "firedrill.dev/protected", operator: "NotIn", values: ["true"] },
        { key: "tier", operator: "NotIn", values: ["db"] },
      ],
    });
  });
});
