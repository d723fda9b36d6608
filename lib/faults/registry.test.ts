// The registry is the only list of fault kinds: authoring, forms and the
// engine all see the same kinds, and every kind's module is complete.
import { describe, expect, it } from "vitest";
import type { ClusterClient } from "@/lib/k8s/client";
import { guardrailsSchema } from "@/lib/k8s/guardrails";
import { targetsSchema } from "@/lib/experiments/schemas";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { describeFields } from "@/lib/forms/describe-fields";
import { clusterFaults, findClusterFault, findFaultKind, isPeopleKind, listFaultKinds } from "./registry";
import { isCustomResourceFault } from "./builders/custom-resource";
import type { StepBase } from "./fault-module";

const base: StepBase = { client: {} as ClusterClient, guardrails: guardrailsSchema.parse({}), targets: targetsSchema.parse({ namespace: "demo" }), runId: "cmRunIdABCDEFGHIJ", stepIndex: 1, round: 2, durationSec: 60 };

describe("the fault registry", () => {
  it("lists every kind once, and the authoring catalog is that list", () => {
    const kinds = listFaultKinds().map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(authoringCatalog().map((c) => c.kind)).toEqual(kinds);
    expect(kinds.filter(isPeopleKind)).toEqual(["people-staycation", "people-liar-liar", "people-slow-lane", "people-inside-job"]);
    expect(clusterFaults().map((k) => k.kind)).toEqual(kinds.filter((k) => !isPeopleKind(k)));
  });

  it("keeps the authoring names: kind, label, backend, description, params schema, rules", () => {
    const k = findFaultKind("people-staycation")!;
    expect(Object.keys(k).sort()).toEqual(["backend", "description", "kind", "label", "params", "rules"]);
    expect(findFaultKind("pod-kill")).toMatchObject({ kind: "pod-kill", label: "Kill pods", backend: "kubernetes" });
    expect(findFaultKind("nope")).toBeUndefined();
    expect(findClusterFault("people-staycation")).toBeUndefined();
  });

  it.each(clusterFaults().map((k) => [k.kind, k] as const))("%s is a complete module: form fields, permissions, verbs bound to its own parameters", (_, k) => {
    expect(k.description.length).toBeGreaterThan(10);
    expect(() => describeFields(k.params)).not.toThrow();
    expect(k.permissions.length).toBeGreaterThan(0);
    const params = { ...(k.kind === "chaos-mesh-stress" ? { memoryWorkers: 1 } : {}) };
    const bound = k.bind(params, base);
    const object = bound.objectOf({ kind: "Pod", namespace: "demo", name: "x" });
    expect(object.name).toBeTruthy();
    // Parameters go through the kind's own schema: what it refuses never reaches a verb.
    if (Object.keys(describeFields(k.params)).length > 0) expect(() => k.bind({ [describeFields(k.params)[0].name]: { not: "valid" } }, base)).toThrow();
  });

  it("says which objects each kind creates, so the sweeper finds those of ended runs", () => {
    const creating = clusterFaults().filter((k) => k.created).map((k) => k.kind);
    expect(creating).toEqual(expect.arrayContaining(["network-partition", "litmus-engine", "chaos-mesh-pod", "chaos-mesh-dns"]));
    for (const k of clusterFaults().filter(isCustomResourceFault)) expect(k.created?.resource).toContain(k.resource.kind);
  });

  it("scale-down asks for the scale of StatefulSets as well as Deployments", () => {
    const perms = findClusterFault("scale-down")!.permissions.map((p) => `${p.verb} ${p.resource}/${p.subresource}`);
    expect(perms).toEqual(expect.arrayContaining(["patch deployments/scale", "patch statefulsets/scale", "get statefulsets/scale"]));
  });

  it("names a network partition's policy per step and round, so repeat rounds do not collide", () => {
    const k = findClusterFault("network-partition")!;
    const t = { kind: "PodSelector", namespace: "demo", name: "app=x", selector: "app=x" };
    expect(k.bind({}, { ...base, round: 0 }).objectOf(t).name).not.toBe(k.bind({}, { ...base, round: 1 }).objectOf(t).name);
  });
});
