import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";
import { outboundUrlIssue } from "@/lib/outbound/policy";

export const NOTIFICATION_KINDS = ["slack", "webhook"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = { slack: "Slack incoming webhook", webhook: "Generic webhook (JSON POST)" };

export const addNotificationTargetSchema = z.object({
  gameDayId: idSchema,
  kind: z.enum(NOTIFICATION_KINDS, { error: "Pick Slack or a generic webhook." }),
  url: z
    .string()
    .trim()
    .max(2000, "That address is too long.")
    .regex(/^https?:\/\/[^\s/]+\S*$/i, "Enter the webhook address, starting with https://.")
    // Checked again when it is called, on the address really connected to (lib/outbound).
    .superRefine((url, ctx) => {
      const issue = outboundUrlIssue(url, "webhooks");
      if (issue) ctx.addIssue({ code: "custom", message: issue });
    }),
});
export type AddNotificationTargetInput = z.infer<typeof addNotificationTargetSchema>;

export const removeNotificationTargetSchema = z.object({ targetId: idSchema });

export const RUN_EVENTS = ["started", "stopped", "aborted"] as const;
export type RunEvent = (typeof RUN_EVENTS)[number];
