import { describe, expect, it } from "vitest";
import { z } from "zod";
import { crdSchemaViolations, crdVersionSchema, type CrdSchema } from "./schema-check";
import { paramVariants } from "./param-variants";

// Shaped like the Chaos Mesh and LitmusChaos CRD schemas.
const spec: CrdSchema = {
  type: "object",
  required: ["action", "selector"],
  properties: {
    action: { type: "string", enum: ["delay", "loss"] },
    delay: { type: "object", required: ["latency"], properties: { latency: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$" } } },
    workers: { type: "integer", format: "int32", minimum: 0, maximum: 8192 },
    percent: { type: "number" },
    abort: { type: "boolean" },
    port: { "x-kubernetes-int-or-string": true },
    selector: { type: "object", properties: { labelSelectors: { type: "object", additionalProperties: { type: "string" } }, namespaces: { type: "array", items: { type: "string" } } } },
    free: { type: "object" },
  },
};

describe("crdSchemaViolations", () => {
  it("accepts a value that fits", () => {
    const ok = { action: "delay", delay: { latency: "200ms" }, workers: 8192, percent: 12.5, abort: true, port: "http", selector: { labelSelectors: { app: "checkout" }, namespaces: ["demo"] }, free: { any: { thing: 1 } } };
    expect(crdSchemaViolations(ok, spec)).toEqual([]);
  });

  it("names every field that does not fit, with its path", () => {
    const bad = { action: "drop", delay: { latency: "200" }, workers: 9000, percent: "5", abort: "yes", port: 1.5, selector: { labelSelectors: { app: 1 }, namespaces: "demo", pods: {} }, guessed: 1 };
    expect(crdSchemaViolations(bad, spec)).toEqual([
      'spec.action: "drop" is not one of "delay", "loss"',
      'spec.delay.latency: "200" does not match ^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$',
      "spec.workers: 9000 is above the maximum 8192",
      'spec.percent: expected a number, got "5"',
      'spec.abort: expected a boolean, got "yes"',
      "spec.port: expected an integer or a string, got 1.5",
      "spec.selector.labelSelectors.app: expected a string, got 1",
      "spec.selector.namespaces: expected an array",
      "spec.selector.pods: not a field of the CRD",
      "spec.guessed: not a field of the CRD",
    ]);
  });

  it("reports missing required fields and int32 overflow", () => {
    expect(crdSchemaViolations({ workers: 2 ** 31 }, spec)).toEqual(["spec.action: required by the CRD but missing", "spec.selector: required by the CRD but missing", "spec.workers: 2147483648 does not fit an int32"]);
  });

  it("is stricter than the API server under x-kubernetes-preserve-unknown-fields", () => {
    const preserving: CrdSchema = { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { engineState: { type: "string" } } };
    expect(crdSchemaViolations({ engineState: "active", annotationCheck: "false" }, preserving)).toEqual(["spec.annotationCheck: not a field of the CRD"]);
  });

  it("finds a version's schema in a CRD", () => {
    const crd = { spec: { versions: [{ name: "v1beta1" }, { name: "v1", schema: { openAPIV3Schema: spec } }] } };
    expect(crdVersionSchema(crd, "v1")).toBe(spec);
    expect(crdVersionSchema(crd, "v2")).toBeUndefined();
  });
});

describe("paramVariants", () => {
  it("reaches defaults, every option and every numeric bound", () => {
    const schema = z.object({ action: z.enum(["a", "b"]).default("a"), n: z.number().int().min(1).max(9).default(3), s: z.string().default("") });
    expect(paramVariants(schema, { s: "x" })).toEqual([
      { label: "defaults", params: { s: "x" } },
      { label: "action=a", params: { s: "x", action: "a" } },
      { label: "action=b", params: { s: "x", action: "b" } },
      { label: "n=1", params: { s: "x", n: 1 } },
      { label: "n=9", params: { s: "x", n: 9 } },
    ]);
  });
});
