import { describe, expect, it } from "vitest";
import { experimentSchema, isPeopleExperiment } from "./schemas";
import { estimateSchema } from "@/lib/gameday/schemas";
import { describeFields } from "@/lib/forms/describe-fields";
import { findFaultKind, listFaultKinds } from "@/lib/faults/catalog";

const base = { gameDayId: "g1", title: "t", hypothesis: "h", durationSec: 60 };

describe("experiment schema", () => {
  it("validates each fault's params with its kind's schema and fills defaults", () => {
    const ok = experimentSchema.parse({ ...base, faults: [{ kind: "people-slow-lane", params: { person: "Ken" } }] });
    expect(ok.faults[0].params).toEqual({ person: "Ken", delayMinutes: 5 });
    expect(ok.targets.sample).toEqual({ mode: "all", value: 0 });
  });

  it("reports parameter errors at the field's path even when other fields are wrong", () => {
    const r = experimentSchema.safeParse({ ...base, durationSec: 5, faults: [{ kind: "people-liar-liar", params: { liar: "M" } }] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("durationSec");
    expect(paths).toContain("faults.0.params.topic");
  });

  it("refuses unknown kinds, no faults, and mixing people with cluster faults", () => {
    expect(experimentSchema.safeParse({ ...base, faults: [{ kind: "nope", params: {} }] }).error?.issues[0].path.join(".")).toBe("faults.0.kind");
    expect(experimentSchema.safeParse({ ...base, faults: [] }).error?.issues[0].message).toBe("Add at least one fault.");
    const mixed = experimentSchema.safeParse({ ...base, faults: [{ kind: "people-staycation", params: { person: "A" } }, { kind: "pod-kill", params: {} }] });
    expect(mixed.error?.issues[0].message).toMatch(/separate experiments/);
  });

  it("knows people experiments", () => {
    expect(isPeopleExperiment([{ kind: "people-inside-job", params: {} }])).toBe(true);
    expect(isPeopleExperiment([{ kind: "pod-kill", params: {} }])).toBe(false);
  });
});

describe("forms generated from zod schemas", () => {
  it("derives typed fields with labels, ranges and defaults", () => {
    const fields = describeFields(findFaultKind("istio-fault")!.params);
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(by.type).toMatchObject({ type: "select", options: ["delay", "abort"], defaultValue: "abort", label: "Fault" });
    expect(by.percentage).toMatchObject({ type: "number", min: 0, max: 100, defaultValue: 50 });
    expect(by.httpStatus).toMatchObject({ type: "integer", min: 400, max: 599 });
  });

  it("has a describable schema for every fault kind", () => {
    for (const k of listFaultKinds()) expect(() => describeFields(k.params)).not.toThrow();
    const staycation = describeFields(findFaultKind("people-staycation")!.params);
    expect(staycation.find((f) => f.name === "person")).toMatchObject({ type: "text", required: true, label: "Person on staycation" });
    expect(describeFields(findFaultKind("pod-kill")!.params).find((f) => f.name === "force")).toMatchObject({ type: "boolean", defaultValue: false });
  });
});

describe("estimate schema", () => {
  const valid = { failureModeId: "f1", hypothesis: "h", severity: "3", userImpact: "degraded", alertExpected: "on", timeToDetectMin: "5", timeToRecoverMin: "", fleetSize: "", mtbfDays: "" };
  it("coerces form values", () => {
    expect(estimateSchema.parse(valid)).toMatchObject({ severity: 3, alertExpected: true, timeToDetectMin: 5, timeToRecoverMin: null, fleetSize: null });
  });
  it("needs fleet size and MTBF together, and a detection time when an alert is expected", () => {
    const r = estimateSchema.safeParse({ ...valid, fleetSize: "10", timeToDetectMin: "" });
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["mtbfDays", "timeToDetectMin"]));
  });
  it("refuses severities outside the scale", () => {
    expect(estimateSchema.safeParse({ ...valid, severity: "6" }).error?.issues[0].message).toBe("Pick a severity from 1 to 5.");
  });
});
