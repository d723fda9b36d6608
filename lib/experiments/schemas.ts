import { z } from "zod";
import { findFaultKind, isPeopleKind } from "@/lib/faults/catalog";
import { idSchema } from "@/lib/gameday/schemas";

export const COMPARATORS = ["<", "<=", ">", ">=", "=="] as const;

export const PROBE_KINDS = ["promql", "http"] as const;
export const HTTP_PROBE_METHODS = ["GET", "HEAD", "POST"] as const;

/**
 * What an HTTP probe calls (PowerfulSeal's probeHTTP, Gremlin's and
 * Steadybit's HTTP checks): one request every `intervalSec`, a success when
 * the answer has `expectedStatus` within `maxLatencyMs`. The probe's value is
 * the success ratio over its window. Only hosts an admin allowed on the
 * experiment's cluster may be called (guardrails.probeHosts).
 */
export const httpProbeSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000, "Keep the URL under 2000 characters.")
    .refine((u) => URL.canParse(u) && ["http:", "https:"].includes(new URL(u).protocol), "Enter a full http:// or https:// URL."),
  method: z.enum(HTTP_PROBE_METHODS, { error: "Pick GET, HEAD or POST." }).default("GET"),
  expectedStatus: z.coerce.number({ error: "The expected status must be a number." }).int().min(100, "An HTTP status is 100–599.").max(599, "An HTTP status is 100–599.").refine((c) => c < 300 || c >= 400, "Redirects are never followed (nor counted as answers): expect the status of the page itself.").default(200),
  maxLatencyMs: z.coerce.number({ error: "The latency threshold must be a number of milliseconds." }).int().min(1, "The latency threshold must be at least 1 ms.").max(30_000, "The latency threshold can be at most 30 s.").default(1000),
  intervalSec: z.coerce.number({ error: "The interval must be a number of seconds." }).int().min(1, "Probe at most once a second.").max(60, "Probe at least once a minute.").default(2),
});
export type HttpProbeSpec = z.infer<typeof httpProbeSchema>;

/**
 * A steady-state probe or abort condition: a value compared with a threshold
 * over a window. The value is a PromQL query's (kind "promql") or an HTTP
 * probe's success ratio, 0–1 (kind "http").
 */
export const probeSchema = z
  .object({
    /** Absent: PromQL (every probe saved before HTTP probes existed, and documents that do not say). */
    kind: z.enum(PROBE_KINDS, { error: "A probe is PromQL or HTTP." }).optional(),
    name: z.string().trim().min(1, "Name the probe.").max(100),
    query: z.string().trim().max(2000, "Keep the query under 2000 characters.").default(""),
    http: httpProbeSchema.optional(),
    comparator: z.enum(COMPARATORS, { error: "Pick a comparator." }),
    threshold: z.coerce.number({ error: "The threshold must be a number." }).refine(Number.isFinite, "The threshold must be a number."),
    windowSec: z.coerce.number({ error: "The window must be a number of seconds." }).int().min(1, "The window must be at least 1 s.").max(86400),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== "http" && !p.query) ctx.addIssue({ code: "custom", path: ["query"], message: "Enter a PromQL query." });
    if (p.kind === "http") {
      if (!p.http) ctx.addIssue({ code: "custom", path: ["http", "url"], message: "Enter the URL the HTTP probe calls." });
      if (p.threshold < 0 || p.threshold > 1) ctx.addIssue({ code: "custom", path: ["threshold"], message: "An HTTP probe's value is its success ratio: the threshold is 0–1 (0.95 = 95 % of requests succeed)." });
      if (p.http && p.windowSec < p.http.intervalSec) ctx.addIssue({ code: "custom", path: ["windowSec"], message: "The window must hold at least one request: make it at least the interval." });
    }
  });
/** A probe; without `kind` it is PromQL. */
export type Probe = z.infer<typeof probeSchema>;

/** An HTTP probe, with what it calls. */
export type HttpProbe = Probe & { kind: "http"; http: HttpProbeSpec };

/** Whether a probe is an HTTP probe (its value is a success ratio measured by Firedrill, not PromQL). */
export function isHttpProbe<P extends Probe>(p: P): p is P & HttpProbe {
  return p.kind === "http" && p.http !== undefined;
}

/** PowerfulSeal-style target selection: match, then filter. Resolved by the drivers. */
export const targetsSchema = z.object({
  namespace: z.string().trim().max(63).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/, "A namespace is lower-case letters, digits and dashes.").default(""),
  labelSelector: z.string().trim().max(500).default(""),
  fieldSelector: z.string().trim().max(500).default(""),
  names: z.array(z.string().trim().min(1).max(253)).max(500).default([]),
  sample: z
    .object({
      mode: z.enum(["all", "count", "percent"]).default("all"),
      value: z.coerce.number().min(0).max(100000).default(0),
    })
    .default({ mode: "all", value: 0 }),
  probability: z.coerce.number().min(0, "Probability must be 0–1.").max(1, "Probability must be 0–1.").default(1),
  /** Only pods owned by this workload (through its ReplicaSets for a Deployment). */
  owner: z
    .object({ kind: z.enum(["Deployment", "StatefulSet"]), name: z.string().trim().min(1).max(253) })
    .optional(),
  /** Node properties: only nodes (or pods on nodes) whose labels match, e.g. topology.kubernetes.io/zone=zone-a. */
  nodeSelector: z.string().trim().max(500).default(""),
  /** Chaos Monkey-style repetition: `count` rounds, `intervalSec` apart, each happening with `probability`. */
  repeat: z
    .object({
      count: z.coerce.number().int().min(1, "Repeat at least once.").max(1000).default(1),
      intervalSec: z.coerce.number().int().min(1).max(86_400).default(60),
      probability: z.coerce.number().min(0).max(1).default(1),
    })
    .default({ count: 1, intervalSec: 60, probability: 1 }),
});
export type Targets = z.infer<typeof targetsSchema>;

// Each step is checked against its kind's catalog schema here, at the step
// level, so parameter errors show even when other fields are wrong too.
export const faultStepSchema = z
  .object({
    kind: z.string().trim().min(1, "Pick a fault kind.").max(100, "That is not a fault kind."),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((step, ctx) => {
    const kind = findFaultKind(step.kind);
    if (!kind) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `Unknown fault kind "${step.kind}".` });
      return;
    }
    const parsed = kind.params.safeParse(step.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["params", ...issue.path.map(String)], message: issue.message });
    }
  });
export type FaultStep = z.infer<typeof faultStepSchema>;

export const experimentSchema = z
  .object({
    gameDayId: idSchema,
    /** Present when editing an existing experiment. */
    experimentId: idSchema.optional(),
    title: z.string().trim().min(1, "Enter a title.").max(140, "Keep the title under 140 characters."),
    hypothesis: z.string().trim().min(1, "State the hypothesis: what should stay true while the fault is on?").max(2000),
    failureModeIds: z.array(idSchema).max(50).default([]),
    faults: z.array(faultStepSchema).min(1, "Add at least one fault.").max(10, "At most 10 faults per experiment."),
    targets: targetsSchema.default(targetsSchema.parse({})),
    durationSec: z.coerce
      .number({ error: "The duration must be a number of seconds." })
      .int("The duration must be whole seconds.")
      .min(10, "The duration must be at least 10 seconds.")
      .max(86400, "The duration can be at most 24 hours."),
    steadyState: z.array(probeSchema).max(20).default([]),
    abortConditions: z.array(probeSchema).max(20).default([]),
    rollbackNotes: z.string().trim().max(4000).default(""),
    /** The cluster connection cluster faults go to. */
    clusterId: z.preprocess((v) => (v === "" || v === null ? undefined : v), idSchema.optional()),
  })
  .transform((value, ctx) => {
    // Steps were validated above; store each one's params as its schema parsed them (defaults filled).
    const faults = value.faults.map((step) => ({ kind: step.kind, params: findFaultKind(step.kind)!.params.parse(step.params) as Record<string, unknown> }));
    const people = faults.filter((f) => isPeopleKind(f.kind)).length;
    if (people > 0 && people < faults.length) {
      ctx.addIssue({ code: "custom", path: ["faults"], message: "Keep people experiments and cluster faults in separate experiments." });
    }
    if (people === 0 && !value.clusterId) {
      ctx.addIssue({ code: "custom", path: ["clusterId"], message: "Pick the cluster these faults go to." });
    }
    return { ...value, faults };
  });
export type ExperimentInput = z.infer<typeof experimentSchema>;

/** Whether an experiment is a people experiment (all its faults are people kinds). */
export function isPeopleExperiment(faults: FaultStep[]): boolean {
  return faults.length > 0 && faults.every((f) => isPeopleKind(f.kind));
}
