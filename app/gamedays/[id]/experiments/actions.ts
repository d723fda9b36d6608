"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { deleteExperiment, saveExperiment } from "@/lib/experiments/experiments";
import { experimentSchema } from "@/lib/experiments/schemas";
import { checkbox, idSchema } from "@/lib/gameday/schemas";
import { startRun } from "@/lib/runs/runs";
import { previewExperiment } from "@/lib/runs/engine/preview";

export const saveExperimentAction = defineAction({
  schema: experimentSchema,
  permission: "contribute",
  run: (input, user) => saveExperiment(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/experiments`,
});

export const deleteExperimentAction = defineAction({
  schema: z.object({ experimentId: idSchema }),
  permission: "contribute",
  run: (input, user) => deleteExperiment(user, input.experimentId),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/experiments`,
});

export const startRunAction = defineAction({
  schema: z.object({ experimentId: idSchema, overrideSteadyState: checkbox.default(false) }),
  permission: "facilitate",
  run: (input, user) => startRun(user, input.experimentId, { overrideSteadyState: input.overrideSteadyState }),
  revalidate: (_i, r) => [`/gamedays/${r.gameDayId}/experiments`, `/gamedays/${r.gameDayId}/runs`],
});

export const previewExperimentAction = defineAction({
  schema: experimentSchema,
  permission: "contribute",
  run: (input, user) => previewExperiment(user, input),
});
