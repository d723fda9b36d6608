import { z } from "zod";
import { RUN_STATUSES } from "@/lib/runs/status";

// The API's answers as zod schemas: the routes build them, the OpenAPI
// description is generated from them, and tests parse responses with them.

export const errorSchema = z.object({ code: z.string(), message: z.string() });

export const documentProblemSchema = z.object({ line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() });

export const unmappedPartSchema = z.object({ line: z.number().int(), path: z.string(), value: z.string(), why: z.string() });

export const importResultSchema = z
  .object({
    created: z.array(z.object({ id: z.string(), title: z.string() })),
    tools: z.array(z.string()),
    unmapped: z.array(unmappedPartSchema),
    notes: z.array(z.object({ title: z.string(), notes: z.array(z.string()) })),
  })
  ;

export const importRefusedSchema = errorSchema
  .extend({ problems: z.array(documentProblemSchema), experiments: z.array(z.object({ title: z.string(), line: z.number().int(), problems: z.array(documentProblemSchema) })), unmapped: z.array(unmappedPartSchema) })
  ;

export const runStatusSchema = z.enum(RUN_STATUSES);

export const runStateSchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    terminal: z.boolean(),
    experimentId: z.string(),
    gameDayId: z.string(),
    startedAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  ;

export const VERDICTS = ["passed", "failed", "inconclusive", "pending"] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

export const probeResultSchema = z
  .object({
    name: z.string(),
    role: z.enum(["steadyState", "abortConditions"]),
    rule: z.string(),
    verdict: z.enum(["passed", "failed", "no-data"]),
    detail: z.string(),
  })
  ;

/**
 * Whether the cluster shows a fault really in effect on a target. Null until
 * the installation confirms faults (the confirm verb of the fault drivers);
 * "not-confirmed" makes the run inconclusive.
 */
export const faultConfirmationSchema = z.object({ state: z.enum(["confirmed", "not-confirmed"]), reason: z.string() }).nullable();

export const faultResultSchema = z
  .object({
    kind: z.string(),
    label: z.string(),
    /** The object touched ("Pod demo/checkout-7d9f"), or "the room" for people experiments. */
    target: z.string(),
    /** The ledger state (applied, reverted, apply-failed, failed, …) or "manual". */
    state: z.string(),
    confirmation: faultConfirmationSchema,
    verdict: z.enum(["passed", "failed", "inconclusive", "pending"]),
    detail: z.string(),
  })
  ;

export const runResultsSchema = z
  .object({
    run: runStateSchema.extend({ experimentTitle: z.string(), hypothesis: z.string() }),
    verdict: verdictSchema,
    reasons: z.array(z.string()),
    probes: z.array(probeResultSchema),
    faults: z.array(faultResultSchema),
    metrics: z.object({ state: z.string(), complete: z.boolean() }),
  })
  ;
export type RunResults = z.infer<typeof runResultsSchema>;
export type FaultResult = z.infer<typeof faultResultSchema>;
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** Query and body schemas of the endpoints (validated by the routes, described in OpenAPI). */
export const importQuerySchema = z.object({
  clusterId: z.string().trim().max(64).regex(/^[a-z0-9_-]*$/i).optional().meta({ description: "The cluster connection the cluster faults go to (GET /api/v1/clusters lists them)." }),
  dryRun: z.enum(["true", "false"]).default("false").meta({ description: "true: answer what would be created, write nothing." }),
});
export const startRunBodySchema = z.object({ overrideSteadyState: z.boolean().default(false).meta({ description: "Start even when the steady state does not hold (audited)." }) });
export const stopRunBodySchema = z.object({ abort: z.boolean().default(false).meta({ description: "true: end the run as aborted (something went wrong) rather than completed." }), reason: z.string().trim().max(500).default("") });
export const waitQuerySchema = z.object({ timeoutSec: z.coerce.number().int().min(1).max(120).default(60).meta({ description: "How long to wait for the run to end (at most 120 s; call again to wait longer)." }) });
export const resultsQuerySchema = z.object({ format: z.enum(["json", "junit"]).default("json") });
