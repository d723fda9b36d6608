"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { idSchema } from "@/lib/gameday/schemas";
import { createSource, createSourceSchema, deleteSource, testSource } from "@/lib/metrics/sources";
import { revokeReceiverToken, rotateReceiverToken } from "@/lib/alerts/receiver-token";

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

/** Sets up (or replaces) the source's Alertmanager receiver; the token is in the answer, once. */
export const rotateReceiverTokenAction = defineAction({
  schema: z.object({ sourceId: idSchema }),
  permission: "administer",
  run: (input, user) => rotateReceiverToken(user, input.sourceId),
  revalidate: () => "/settings/metrics",
});

export const revokeReceiverTokenAction = defineAction({
  schema: z.object({ sourceId: idSchema }),
  permission: "administer",
  run: (input, user) => revokeReceiverToken(user, input.sourceId),
  revalidate: () => "/settings/metrics",
  success: "Alertmanager receiver turned off.",
});
