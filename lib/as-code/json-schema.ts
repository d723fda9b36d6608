import { z } from "zod";
import { listFaultKinds } from "@/lib/faults/catalog";
import { failureModeSchema } from "@/lib/gameday/schemas";
import { experimentObjectSchema, FIREDRILL_API_VERSION } from "./experiment-document";

// JSON Schemas for editors (VS Code's YAML extension, IntelliJ), generated
// from the editor's zod schemas: a field added to the editor appears here.

/** One branch per fault kind: its kind string and its parameters. */
function faultStep() {
  const kinds = listFaultKinds().map((k) => z.object({ kind: z.literal(k.kind), params: k.params.strict().optional() }).strict().meta({ title: k.label, description: k.description }));
  return z.union(kinds as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
}

function specSchema() {
  return experimentObjectSchema.omit({ title: true, gameDayId: true, experimentId: true, clusterId: true, failureModeIds: true }).extend({ faults: z.array(faultStep()).min(1).max(10) }).strict();
}

/** The zod schema of an Experiment document as editors see it (the server validates with experimentSchema itself). */
export function experimentDocumentSchema() {
  return z
    .object({
      apiVersion: z.literal(FIREDRILL_API_VERSION),
      kind: z.literal("Experiment"),
      metadata: z.object({ title: experimentObjectSchema.shape.title }).strict(),
      spec: specSchema(),
    })
    .strict()
    .meta({ title: "Firedrill Experiment", description: "A chaos experiment: hypothesis, method (faults), blast radius (targets), steady state, abort conditions, rollback." });
}

const estimate = z
  .object({
    hypothesis: z.string(),
    severity: z.number().int().min(1).max(5),
    userImpact: z.enum(["none", "degraded", "partial-outage", "full-outage"]),
    alertExpected: z.boolean(),
    timeToDetectMin: z.number().int().min(0).nullable().optional(),
    timeToRecoverMin: z.number().int().min(0).nullable().optional(),
    fleetSize: z.number().int().min(1).nullable().optional(),
    mtbfDays: z.number().positive().nullable().optional(),
  })
  .strict();

/** The zod schema of a GameDayTemplate document, for editors. */
export function gameDayTemplateSchema() {
  const fm = failureModeSchema.omit({ gameDayId: true }).extend({ estimate: estimate.optional() }).strict();
  const experiment = specSchema().extend({ title: experimentObjectSchema.shape.title, failureModes: z.array(z.string()).default([]).meta({ description: "Titles of the failure modes this experiment tests." }) });
  return z
    .object({
      apiVersion: z.literal(FIREDRILL_API_VERSION),
      kind: z.literal("GameDayTemplate"),
      metadata: z.object({ title: z.string() }).strict(),
      spec: z.object({ goals: z.string(), systemUnderTest: z.string(), failureModes: z.array(fm).default([]), experiments: z.array(experiment).default([]) }).strict(),
    })
    .strict()
    .meta({ title: "Firedrill GameDay template", description: "Goals, failure modes with estimates, and experiments; no runs, no people." });
}

/** A JSON Schema (draft 2020-12) of a zod schema, as the documents' input (coercions and defaults allowed). */
export function toJsonSchema(schema: z.ZodType, id: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), $id: id };
}
