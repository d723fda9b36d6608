"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { idSchema } from "@/lib/gameday/schemas";
import { addObservation, endRun, goOnAfterFaultFailure, stopEverything } from "@/lib/runs/runs";
import { measuredSchema, saveMeasuredImpact } from "@/lib/runs/measured";

export const endRunAction = defineAction({
  schema: z.object({ runId: idSchema, how: z.enum(["stop", "abort"]), reason: z.string().trim().max(500).default("") }),
  permission: "facilitate",
  run: (input, user) => endRun(user, input.runId, input.how, input.reason),
  revalidate: (i, r) => [`/gamedays/${r.gameDayId}/runs/${i.runId}`, `/gamedays/${r.gameDayId}/runs`],
});

export const goOnAfterFaultFailureAction = defineAction({
  schema: z.object({ runId: idSchema }),
  permission: "facilitate",
  run: (input, user) => goOnAfterFaultFailure(user, input.runId),
  revalidate: (i, r) => `/gamedays/${r.gameDayId}/runs/${i.runId}`,
});

export const addObservationAction = defineAction({
  schema: z.object({ runId: idSchema, message: z.string().trim().min(1, "Write the observation first.").max(2000, "Keep it under 2000 characters.") }),
  permission: "contribute",
  run: (input, user) => addObservation(user, input.runId, input.message),
  revalidate: (i, r) => `/gamedays/${r.gameDayId}/runs/${i.runId}`,
});

export const saveMeasuredAction = defineAction({
  schema: measuredSchema,
  permission: "contribute",
  run: (input, user) => saveMeasuredImpact(user, input),
  revalidate: (i, r) => [`/gamedays/${r.gameDayId}/runs/${i.runId}`, `/gamedays/${r.gameDayId}/results`],
  success: "Measured impact saved.",
});

export const stopGameDayAction = defineAction({
  schema: z.object({ gameDayId: idSchema }),
  permission: "facilitate",
  run: (input, user) => stopEverything(user, { gameDayId: input.gameDayId }),
  revalidate: (i) => `/gamedays/${i.gameDayId}/runs`,
  success: "Every run of this GameDay was stopped and its faults reverted.",
});
