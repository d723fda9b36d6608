"use server";

import { defineAction } from "@/app/_server/action";
import { createFollowUp, setFollowUpStatus } from "@/lib/tickets/follow-ups";
import { createFollowUpSchema, setFollowUpStatusSchema } from "@/lib/tickets/schemas";

export const createFollowUpAction = defineAction({
  schema: createFollowUpSchema,
  permission: "contribute",
  run: (input, user) => createFollowUp(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/follow-ups`,
  success: "Follow-up filed.",
});

export const setFollowUpStatusAction = defineAction({
  schema: setFollowUpStatusSchema,
  permission: "contribute",
  run: (input, user) => setFollowUpStatus(user, input.followUpId, input.status),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/follow-ups`,
});
