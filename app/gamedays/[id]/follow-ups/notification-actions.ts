"use server";

import { defineAction } from "@/app/_server/action";
import { addNotificationTarget, removeNotificationTarget } from "@/lib/notifications/targets";
import { addNotificationTargetSchema, removeNotificationTargetSchema } from "@/lib/notifications/schemas";

export const addNotificationTargetAction = defineAction({
  schema: addNotificationTargetSchema,
  permission: "facilitate",
  run: (input, user) => addNotificationTarget(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/follow-ups`,
  success: "Notifications on.",
});

export const removeNotificationTargetAction = defineAction({
  schema: removeNotificationTargetSchema,
  permission: "facilitate",
  run: (input, user) => removeNotificationTarget(user, input.targetId),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/follow-ups`,
});
