import { z } from "zod";
import { findFaultKind, isPeopleKind } from "@/lib/faults/catalog";
import { idSchema } from "@/lib/gameday/schemas";

export const COMPARATORS = ["<", "<=", ">", ">=", "=="] as const;

/** A steady-state probe or abort condition: PromQL compared with a threshold over a window. */
export const probeSchema = z.object({
  name: z.string().trim().min(1, "Name the probe.").max(100),
  query: z.string().trim().min(1, "Enter a PromQL query.").max(2000, "Keep the query under 2000 characters."),
  comparator: z.enum(COMPARATORS, { error: "Pick a comparator." }),
  threshold: z.coerce.number({ error: "The threshold must be a number." }).refine(Number.isFinite, "The threshold must be a number."),
  windowSec: z.coerce.number({ error: "The window must be a number of seconds." }).int().min(1, "The window must be at least 1 s.").max(86400),
});
export type Probe = z.infer<typeof probeSchema>;

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
