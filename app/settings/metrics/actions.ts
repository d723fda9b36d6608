"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { idSchema } from "@/lib/gameday/schemas";
import { createSource, createSourceSchema, deleteSource, testSource } from "@/lib/metrics/sources";

export const createSourceAction = defineAction({
  schema: createSourceSchema,
  permission: "administer",
  run: (input, user) => createSource(user, input),
  revalidate: () => "/settings/metrics",
  success: "Metrics source added.",
});

export const deleteSourceAction = defineAction({
  schema: z.object({ sourceId: idSchema }),
  permission: "administer",
  run: (input, user) => deleteSource(user, input.sourceId),
  revalidate: () => "/settings/metrics",
});

export const testSourceAction = defineAction({
  schema: z.object({ sourceId: idSchema }),
  permission: "facilitate",
  run: (input, user) => testSource(user, input.sourceId),
});
