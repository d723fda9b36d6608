"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { deleteExperiment, saveExperiment } from "@/lib/experiments/experiments";
import { experimentSchema } from "@/lib/experiments/schemas";
import { checkbox, idSchema } from "@/lib/gameday/schemas";
import { startRun } from "@/lib/runs/runs";
import { previewExperiment } from "@/lib/runs/engine/preview";
import { importRequestSchema } from "@/lib/as-code/import-documents";
import { importExperiments, previewImport } from "@/lib/as-code/save-imported";
import { saveToLibrary } from "@/lib/library/library";
import { saveToLibrarySchema } from "@/lib/library/schemas";

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

const importSchema = importRequestSchema.extend({ gameDayId: idSchema });

export const previewImportAction = defineAction({
  schema: importSchema,
  permission: "contribute",
  run: (input, user) => previewImport(user, input.gameDayId, input.text, input.clusterId),
});

export const importExperimentsAction = defineAction({
  schema: importSchema,
  permission: "contribute",
  run: async (input, user) => {
    const { created } = await importExperiments(user, input.gameDayId, input.text, input.clusterId);
    return { gameDayId: input.gameDayId, created };
  },
  revalidate: (i) => `/gamedays/${i.gameDayId}/experiments`,
  success: "Imported.",
});

export const saveToLibraryAction = defineAction({
  schema: saveToLibrarySchema,
  permission: "contribute",
  run: (input, user) => saveToLibrary(user, input),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/library`,
  success: "Saved to the library.",
});
