"use server";

import { defineAction } from "@/app/_server/action";
import { saveEstimate } from "@/lib/gameday/estimates";
import { estimateSchema } from "@/lib/gameday/schemas";

export const saveEstimateAction = defineAction({
  schema: estimateSchema,
  permission: "contribute",
  run: (input, user) => saveEstimate(user, input),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/estimates`,
  success: "Estimate saved.",
});
