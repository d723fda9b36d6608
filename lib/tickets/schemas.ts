import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";

export const FOLLOW_UP_STATUSES = ["open", "in-progress", "done", "wont-fix"] as const;
export const followUpStatusSchema = z.enum(FOLLOW_UP_STATUSES, { error: "Pick a status." });
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: "Open",
  "in-progress": "In progress",
  done: "Done",
  "wont-fix": "Won't fix",
};

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional());

export const createFollowUpSchema = z.object({
  gameDayId: idSchema,
  title: z.string().trim().min(1, "Enter a title for the ticket.").max(200, "Keep the title under 200 characters."),
  body: z.string().trim().max(10000, "Keep the description under 10000 characters.").default(""),
  failureModeId: optionalId,
  runId: optionalId,
});
export type CreateFollowUpInput = z.infer<typeof createFollowUpSchema>;

export const setFollowUpStatusSchema = z.object({ followUpId: idSchema, status: followUpStatusSchema });
