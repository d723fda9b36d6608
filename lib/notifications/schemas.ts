import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";

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
    .regex(/^https?:\/\/[^\s/]+\S*$/i, "Enter the webhook address, starting with https://."),
});
export type AddNotificationTargetInput = z.infer<typeof addNotificationTargetSchema>;

export const removeNotificationTargetSchema = z.object({ targetId: idSchema });

export const RUN_EVENTS = ["started", "stopped", "aborted"] as const;
export type RunEvent = (typeof RUN_EVENTS)[number];
