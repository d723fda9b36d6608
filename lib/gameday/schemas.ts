import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { phaseSchema } from "./phases";
import { severitySchema, userImpactSchema } from "./impact";

/** Where a failure is injected: the columns of the brainstorm board. */
export const INJECTION_POINTS = [
  "infrastructure",
  "hosts",
  "containers",
  "network",
  "internal-deps",
  "external-deps",
  "client-libraries",
  "application",
  "control-plane",
  "people",
] as const;
export const injectionPointSchema = z.enum(INJECTION_POINTS, { error: "Pick where the failure is injected." });
export type InjectionPoint = z.infer<typeof injectionPointSchema>;
export const INJECTION_POINT_LABELS: Record<InjectionPoint, string> = {
  infrastructure: "Infrastructure provider",
  hosts: "Hosts / nodes",
  containers: "Containers / pods",
  network: "Network",
  "internal-deps": "Internal dependencies",
  "external-deps": "External dependencies",
  "client-libraries": "Client libraries",
  application: "Application",
  "control-plane": "Control plane",
  people: "People",
};

export const idSchema = z.string().trim().min(1, "Missing id.").max(64, "Invalid id.").regex(/^[a-z0-9_-]+$/i, "Invalid id.");

const text = (field: string, max: number) =>
  z.string().trim().min(1, `Enter ${field}.`).max(max, `Keep ${field} under ${max} characters.`);
const optionalText = (field: string, max: number) =>
  z.string().trim().max(max, `Keep ${field} under ${max} characters.`).default("");

export const createGameDaySchema = z.object({
  title: text("a title", 120),
  goals: text("the goals", 4000),
  systemUnderTest: text("the system under test", 500),
  scheduledFor: z.coerce
    .date({ error: "Enter the date of the GameDay." })
    .refine((d) => !Number.isNaN(d.getTime()), "Enter the date of the GameDay.")
    // Both databases store timestamps with four-digit years; JavaScript dates reach year 275760.
    .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2999, "Pick a date between the years 2000 and 2999."),
});
export type CreateGameDayInput = z.infer<typeof createGameDaySchema>;

export const updateGameDaySchema = createGameDaySchema.extend({ gameDayId: idSchema });

export const setPhaseSchema = z.object({ gameDayId: idSchema, phase: phaseSchema });

export const addParticipantSchema = z.object({
  gameDayId: idSchema,
  name: text("the participant's name", 80),
  email: emailSchema,
});
export const removeParticipantSchema = z.object({ gameDayId: idSchema, participantId: idSchema });

export const failureModeSchema = z.object({
  gameDayId: idSchema,
  title: text("a title", 140),
  description: optionalText("the description", 2000),
  injectionPoint: injectionPointSchema,
});
export const updateFailureModeSchema = failureModeSchema.omit({ gameDayId: true }).extend({ failureModeId: idSchema });
export const failureModeIdSchema = z.object({ failureModeId: idSchema });

const optionalMinutes = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : v),
    z.coerce
      .number({ error: `${label} must be a number of minutes.` })
      .int(`${label} must be whole minutes.`)
      .min(0, `${label} cannot be negative.`)
      .max(100000, `${label} is too large.`)
      .nullable(),
  );

// A form checkbox: "on" when ticked, absent when not. Anything else (a crafted
// request's string or object) is left as is, so z.boolean() refuses it.
const CHECKED = new Set<unknown>([true, "on", "true"]);
const UNCHECKED = new Set<unknown>([false, undefined, null, "", "off", "false"]);
const checkbox = z.preprocess((v) => (CHECKED.has(v) ? true : UNCHECKED.has(v) ? false : v), z.boolean({ error: "Tick the box or leave it empty." }));

export const estimateSchema = z
  .object({
    failureModeId: idSchema,
    hypothesis: text("a hypothesis", 1000),
    severity: severitySchema,
    userImpact: userImpactSchema,
    alertExpected: checkbox,
    timeToDetectMin: optionalMinutes("Time to detect"),
    timeToRecoverMin: optionalMinutes("Time to recover"),
    fleetSize: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number({ error: "Fleet size must be a number." }).int("Fleet size must be a whole number.").min(1, "Fleet size must be at least 1.").max(10_000_000).nullable(),
    ),
    mtbfDays: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number({ error: "MTBF must be a number of days." }).positive("MTBF must be more than 0 days.").max(1_000_000).nullable(),
    ),
  })
  .superRefine((v, ctx) => {
    if ((v.fleetSize === null) !== (v.mtbfDays === null)) {
      ctx.addIssue({
        code: "custom",
        path: [v.fleetSize === null ? "fleetSize" : "mtbfDays"],
        message: "Give both fleet size and MTBF to compute the likelihood, or neither.",
      });
    }
    if (v.alertExpected && v.timeToDetectMin === null) {
      ctx.addIssue({ code: "custom", path: ["timeToDetectMin"], message: "If an alert should fire, say how fast (minutes)." });
    }
  });
export type EstimateInput = z.infer<typeof estimateSchema>;

export { optionalMinutes, checkbox };
