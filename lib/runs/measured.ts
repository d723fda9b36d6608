import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { severitySchema, userImpactSchema } from "@/lib/gameday/impact";
import { checkbox, idSchema, optionalMinutes } from "@/lib/gameday/schemas";
import { isTerminal, runStatusSchema } from "./status";
import { summariseConfirmation } from "./fault-confirmation";

export const measuredSchema = z.object({
  runId: idSchema,
  severity: severitySchema,
  userImpact: userImpactSchema,
  alertFired: checkbox,
  paged: checkbox.default(false),
  timeToDetectMin: optionalMinutes("Time to detect"),
  timeToRecoverMin: optionalMinutes("Time to recover"),
  hypothesisHeld: z.enum(["held", "disproved"], { error: "Say whether the hypothesis held." }).transform((v) => v === "held"),
  notes: z.string().trim().max(8000, "Keep the notes under 8000 characters.").default(""),
});
export type MeasuredInput = z.infer<typeof measuredSchema>;

/** Records (or corrects) what really happened in a finished run. */
export async function saveMeasuredImpact(user: SessionUser, input: MeasuredInput): Promise<{ gameDayId: string }> {
  const { runId, ...data } = input;
  const run = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, include: { experiment: true } });
  if (!run) throw notFound("Run");
  if (!isTerminal(runStatusSchema.parse(run.status))) {
    throw new AppError({ code: "CONFLICT", message: "Record the measured impact once the run has ended." });
  }
  if (data.hypothesisHeld) {
    // A hypothesis cannot have held against a fault that never happened.
    const ledger = await db.ledgerEntry.findMany({ where: { runId }, select: { stepIndex: true, effect: true } });
    const { inconclusive } = summariseConfirmation(ledger);
    if (inconclusive) throw new AppError({ code: "CONFLICT", message: `${inconclusive} The hypothesis cannot be recorded as held: re-run the experiment once the fault works, or record what you saw as disproved with a note.`, fieldErrors: { hypothesisHeld: "Not possible: the fault did not take effect." } });
  }
  await db.measuredImpact.upsert({ where: { runId }, create: { runId, ...data, recordedById: user.id }, update: { ...data, recordedById: user.id } });
  await auditBy(user, "measured.saved", { type: "run", id: runId }, { hypothesisHeld: data.hypothesisHeld });
  return { gameDayId: run.experiment.gameDayId };
}
