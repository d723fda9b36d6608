"use server";

import { defineAction } from "@/app/_server/action";
import { setStepTimer, stepTimerSchema } from "@/lib/live/step-timer";

export const setStepTimerAction = defineAction({
  schema: stepTimerSchema,
  permission: "facilitate",
  run: (input, user) => setStepTimer(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/present`,
});
