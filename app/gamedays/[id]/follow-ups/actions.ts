"use server";

import { defineAction } from "@/app/_server/action";
import { createFollowUp, setFollowUpStatus } from "@/lib/tickets/follow-ups";
import { fileFindings, retryPendingFollowUps } from "@/lib/tickets/file-findings";
import { refreshStatuses } from "@/lib/tickets/refresh-statuses";
import { createFollowUpSchema, createFromFindingsSchema, gameDayIdSchema, setFollowUpStatusSchema } from "@/lib/tickets/schemas";
import { idSchema } from "@/lib/gameday/schemas";
import { appUrl } from "./app-url";

const page = (gameDayId: string) => `/gamedays/${gameDayId}/follow-ups`;

export const createFollowUpAction = defineAction({
  schema: createFollowUpSchema,
  permission: "contribute",
  run: async (input, user) => createFollowUp(user, input, { appUrl: await appUrl() }),
  revalidate: (i) => page(i.gameDayId),
  success: "Follow-up filed.",
});

export const fileFindingsAction = defineAction({
  schema: createFromFindingsSchema,
  permission: "contribute",
  run: async (input, user) => fileFindings(user, input, { appUrl: await appUrl() }),
  revalidate: (i) => page(i.gameDayId),
});

export const retryFollowUpsAction = defineAction({
  schema: gameDayIdSchema.extend({ followUpId: idSchema.optional() }),
  permission: "contribute",
  run: async (input, user) => retryPendingFollowUps(user, input.gameDayId, { appUrl: await appUrl() }, input.followUpId),
  revalidate: (i) => page(i.gameDayId),
});

export const refreshStatusesAction = defineAction({
  schema: gameDayIdSchema,
  permission: "view",
  run: (input, user) => refreshStatuses(user, input.gameDayId),
  revalidate: (i) => page(i.gameDayId),
});

export const setFollowUpStatusAction = defineAction({
  schema: setFollowUpStatusSchema,
  permission: "contribute",
  run: (input, user) => setFollowUpStatus(user, input.followUpId, input.status),
  revalidate: (_i, r) => page(r.gameDayId),
});
