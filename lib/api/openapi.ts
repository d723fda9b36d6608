import { z } from "zod";
import * as s from "./schemas";

type Op = {
  summary: string;
  scope: "public" | "read" | "run" | "receiver";
  role?: string;
  params?: { name: string; in: "path" | "query"; schema: z.ZodType; description?: string }[];
  body?: { type: "json"; schema: z.ZodType } | { type: "yaml"; description: string };
  ok: { status: number; schema?: z.ZodType; ref?: string; type?: string; description: string };
  errors?: number[];
};

const id = (name: string) => ({ name, in: "path" as const, schema: z.string() });
const queryParams = (schema: z.ZodObject) => Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, sch]) => ({ name, in: "query" as const, schema: sch }));

// Every API operation, with the zod schemas the route validates and answers with.
const OPERATIONS: Record<string, Record<string, Op>> = {
  "/api/v1/openapi.json": { get: { summary: "This description.", scope: "public", ok: { status: 200, type: "application/json", description: "OpenAPI 3.1" } } },
  "/api/v1/schemas/experiment.json": { get: { summary: "JSON Schema of Experiment documents, for editors.", scope: "public", ok: { status: 200, type: "application/schema+json", description: "JSON Schema" } } },
  "/api/v1/schemas/gameday-template.json": { get: { summary: "JSON Schema of GameDayTemplate documents, for editors.", scope: "public", ok: { status: 200, type: "application/schema+json", description: "JSON Schema" } } },
  "/api/v1/alertmanager/webhook": {
    post: {
      summary: "Alertmanager's webhook receiver for a metrics source: every alert of the notification is recorded on the runs measured with that source (live or ended in the last 5 minutes). Put this URL in a webhook_config with send_resolved: true.",
      scope: "receiver",
      ok: { status: 200, type: "application/json", description: "{ runs, alerts }: on how many runs it was recorded" },
      errors: [400, 401],
    },
  },
  "/api/v1/clusters": { get: { summary: "The team's cluster connections (id, name), to pick one for imports.", scope: "read", ok: { status: 200, type: "application/json", description: "[{ id, name }]" }, errors: [401, 403] } },
  "/api/v1/gamedays/{gameDayId}/experiments/import": {
    post: {
      summary: "Import experiments from YAML or JSON: Firedrill Experiment documents, Chaos Mesh, LitmusChaos ChaosEngine, Istio VirtualService, PowerfulSeal policies, Chaos Toolkit experiments. All or nothing.",
      scope: "run",
      role: "participant",
      params: [id("gameDayId"), ...queryParams(s.importQuerySchema)],
      body: { type: "yaml", description: "The documents, as a YAML stream (--- between documents) or JSON." },
      ok: { status: 201, schema: s.importResultSchema, ref: "ImportResult", description: "Created (with dryRun=true: 200, nothing written)" },
      errors: [400, 401, 403, 404],
    },
  },
  "/api/v1/gamedays/{gameDayId}/template": { get: { summary: "The GameDay as a GameDayTemplate document (YAML).", scope: "read", params: [id("gameDayId")], ok: { status: 200, type: "application/yaml", description: "YAML" }, errors: [401, 403, 404] } },
  "/api/v1/experiments/{experimentId}/document": { get: { summary: "An experiment as a Firedrill Experiment document (YAML).", scope: "read", params: [id("experimentId")], ok: { status: 200, type: "application/yaml", description: "YAML" }, errors: [401, 403, 404] } },
  "/api/v1/experiments/{experimentId}/runs": {
    post: { summary: "Preflight and start a run of the experiment.", scope: "run", role: "facilitator", params: [id("experimentId")], body: { type: "json", schema: s.startRunBodySchema }, ok: { status: 201, schema: s.runStateSchema, ref: "RunState", description: "Started" }, errors: [400, 401, 403, 404, 409, 501] },
  },
  "/api/v1/runs/{runId}": { get: { summary: "A run's status.", scope: "read", params: [id("runId")], ok: { status: 200, schema: s.runStateSchema, ref: "RunState", description: "The run" }, errors: [401, 403, 404] } },
  "/api/v1/runs/{runId}/stop": {
    post: { summary: "Stop (or abort) a run; every fault is reverted.", scope: "run", role: "facilitator", params: [id("runId")], body: { type: "json", schema: s.stopRunBodySchema }, ok: { status: 200, schema: s.runStateSchema, ref: "RunState", description: "The run after stopping" }, errors: [400, 401, 403, 404, 409] },
  },
  "/api/v1/runs/{runId}/wait": {
    get: { summary: "Wait until the run ends (or timeoutSec passes; then terminal is false: call again).", scope: "read", params: [id("runId"), ...queryParams(s.waitQuerySchema)], ok: { status: 200, schema: s.runStateSchema, ref: "RunState", description: "The run" }, errors: [400, 401, 403, 404] },
  },
  "/api/v1/runs/{runId}/results": {
    get: { summary: "A run's results and verdict, as JSON or (format=junit) JUnit XML: one test case per probe and per fault and target.", scope: "read", params: [id("runId"), ...queryParams(s.resultsQuerySchema)], ok: { status: 200, schema: s.runResultsSchema, ref: "RunResults", description: "Results (application/json), or JUnit XML (application/xml) with format=junit" }, errors: [400, 401, 403, 404] },
  },
};

const COMPONENTS: Record<string, z.ZodType> = {
  Error: s.errorSchema,
  DocumentProblem: s.documentProblemSchema,
  UnmappedPart: s.unmappedPartSchema,
  ImportResult: s.importResultSchema,
  ImportRefused: s.importRefusedSchema,
  RunState: s.runStateSchema,
  ProbeResult: s.probeResultSchema,
  FaultConfirmation: s.faultConfirmationSchema,
  FaultResult: s.faultResultSchema,
  RunResults: s.runResultsSchema,
  StartRun: s.startRunBodySchema,
  StopRun: s.stopRunBodySchema,
};

const ERROR_TEXT: Record<number, string> = { 400: "Bad input (see message; imports list problems with lines)", 401: "No, unknown, expired or revoked token", 403: "Token scope or role too low", 404: "Not found in your team", 409: "Conflict (e.g. already running)", 501: "No fault driver for a kind" };

const without = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/**
 * The OpenAPI 3.1 description of the API, generated from the zod schemas the
 * routes validate and answer with, so the two cannot drift.
 */
export function buildOpenApi(origin: string): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id: name });
  const generated = z.toJSONSchema(registry, { uri: (name) => `#/components/schemas/${name}`, unrepresentable: "any", io: "output" }).schemas;
  const schemas = Object.fromEntries(Object.entries(generated).map(([k, v]) => [k, without(v as Record<string, unknown>, ["$schema", "$id"])]));
  const inline = (schema: z.ZodType) => without(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>, ["$schema"]);
  const paths: Record<string, unknown> = {};
  for (const [path, ops] of Object.entries(OPERATIONS)) {
    paths[path] = Object.fromEntries(
      Object.entries(ops).map(([method, op]) => [
        method,
        {
          summary: op.summary,
          description: `${op.scope === "public" ? "No token needed." : op.scope === "receiver" ? "Authorization: Bearer the source's receiver token (fdam_…, Settings → Metrics), not a personal token." : `Token scope: ${op.scope}.`}${op.role ? ` The token's owner must be at least ${op.role}.` : ""}`,
          ...(op.scope === "public" ? { security: [] } : op.scope === "receiver" ? { security: [{ receiverToken: [] }] } : {}),
          parameters: (op.params ?? []).map((p) => ({ name: p.name, in: p.in, required: p.in === "path", schema: inline(p.schema) })),
          ...(op.body
            ? { requestBody: op.body.type === "yaml" ? { required: true, description: op.body.description, content: { "application/yaml": { schema: { type: "string" } }, "text/plain": { schema: { type: "string" } } } } : { required: false, content: { "application/json": { schema: { $ref: `#/components/schemas/${Object.entries(COMPONENTS).find(([, v]) => v === (op.body as { schema: z.ZodType }).schema)![0]}` } } } } }
            : {}),
          responses: {
            [op.ok.status]: { description: op.ok.description, content: op.ok.ref ? { "application/json": { schema: { $ref: `#/components/schemas/${op.ok.ref}` } }, ...(path.endsWith("/results") ? { "application/xml": { schema: { type: "string" } } } : {}) } : { [op.ok.type!]: { schema: { type: op.ok.type === "application/yaml" ? "string" : "object" } } } },
            ...Object.fromEntries((op.errors ?? []).map((code) => [code, { description: ERROR_TEXT[code], content: { "application/json": { schema: { $ref: `#/components/schemas/${code === 400 && path.endsWith("/import") ? "ImportRefused" : "Error"}` } } } }])),
          },
        },
      ]),
    );
  }
  return {
    openapi: "3.1.0",
    info: { title: "Firedrill API", version: "1", description: "Run chaos experiments from CI: import experiments as code, start and stop runs, wait for their end, read results as JSON or JUnit. Authenticate with a personal access token (Settings → API tokens): Authorization: Bearer fdt_…" },
    servers: [{ url: origin }],
    security: [{ token: [] }],
    components: { securitySchemes: { token: { type: "http", scheme: "bearer", description: "A personal access token (fdt_…), scoped read or run." }, receiverToken: { type: "http", scheme: "bearer", description: "A metrics source's Alertmanager receiver token (fdam_…)." } }, schemas },
    paths,
  };
}
