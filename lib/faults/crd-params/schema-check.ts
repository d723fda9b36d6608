/**
 * The parts of a CRD's structural OpenAPI v3 schema (`openAPIV3Schema`) this
 * check reads. CEL rules and oneOf are left to the API server's dry run.
 */
export interface CrdSchema {
  type?: string;
  format?: string;
  properties?: Record<string, CrdSchema>;
  additionalProperties?: boolean | CrdSchema;
  items?: CrdSchema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
}

/** A CustomResourceDefinition as read from a manifest or the API server (only what is needed here). */
export interface CrdLike {
  spec?: { group?: string; names?: { kind?: string }; versions?: { name: string; schema?: { openAPIV3Schema?: CrdSchema } }[] };
}

/** The openAPIV3Schema of one version of a CRD, or undefined when the CRD has no such version. */
export function crdVersionSchema(crd: CrdLike, version: string): CrdSchema | undefined {
  return crd.spec?.versions?.find((v) => v.name === version)?.schema?.openAPIV3Schema;
}

const INT32 = 2 ** 31;

function typeViolation(value: unknown, s: CrdSchema, at: string): string | null {
  if (s["x-kubernetes-int-or-string"]) return typeof value === "string" || Number.isInteger(value) ? null : `${at}: expected an integer or a string, got ${JSON.stringify(value)}`;
  switch (s.type) {
    case "string":
      return typeof value === "string" ? null : `${at}: expected a string, got ${JSON.stringify(value)}`;
    case "integer":
      if (!Number.isInteger(value)) return `${at}: expected an integer, got ${JSON.stringify(value)}`;
      return s.format === "int32" && ((value as number) >= INT32 || (value as number) < -INT32) ? `${at}: ${String(value)} does not fit an int32` : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : `${at}: expected a number, got ${JSON.stringify(value)}`;
    case "boolean":
      return typeof value === "boolean" ? null : `${at}: expected a boolean, got ${JSON.stringify(value)}`;
    case "array":
      return Array.isArray(value) ? null : `${at}: expected an array`;
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? null : `${at}: expected an object`;
    default:
      return null;
  }
}

/**
 * Checks a value Firedrill wrote (e.g. a CR's spec) against the CRD's schema
 * and says what does not fit: a field the schema does not declare, a wrong
 * type, a value outside an enum, pattern or range, a missing required field.
 *
 * Stricter than the API server on purpose: a field that is not declared is
 * reported even under x-kubernetes-preserve-unknown-fields (LitmusChaos's
 * ChaosEngine spec), where the server would keep it silently, so a guessed
 * field name can never pass. An object schema that declares no properties at
 * all (e.g. metadata) is free-form and accepted as it is.
 */
export function crdSchemaViolations(value: unknown, schema: CrdSchema, at = "spec"): string[] {
  const typeError = typeViolation(value, schema, at);
  if (typeError) return [typeError];
  const out: string[] = [];
  if (schema.enum && !schema.enum.some((e) => e === value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  if (typeof value === "string" && schema.pattern && !new RegExp(schema.pattern).test(value)) out.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: ${value} is below the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: ${value} is above the maximum ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => out.push(...crdSchemaViolations(v, schema.items!, `${at}[${i}]`)));
    return out;
  }
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) out.push(`${at}.${r}: required by the CRD but missing`);
    const props = schema.properties;
    const extra = schema.additionalProperties;
    if (!props && extra === undefined) return out; // free-form object
    for (const [k, v] of Object.entries(obj)) {
      if (props?.[k]) out.push(...crdSchemaViolations(v, props[k], `${at}.${k}`));
      else if (typeof extra === "object") out.push(...crdSchemaViolations(v, extra, `${at}.${k}`));
      else if (extra !== true) out.push(`${at}.${k}: not a field of the CRD`);
    }
  }
  return out;
}
