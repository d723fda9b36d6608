"use server";

import { defineAction } from "@/app/_server/action";
import { addFailureMode, deleteFailureMode, editFailureModeSchema, toggleVote, updateFailureMode } from "@/lib/gameday/board";
import { failureModeIdSchema, failureModeSchema } from "@/lib/gameday/schemas";

export const addFailureModeAction = defineAction({
  schema: failureModeSchema,
  permission: "contribute",
  run: (input, user) => addFailureMode(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/board`,
});

export const updateFailureModeAction = defineAction({
  schema: editFailureModeSchema,
  permission: "contribute",
  run: (input, user) => updateFailureMode(user, input),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/board`,
});

export const deleteFailureModeAction = defineAction({
  schema: failureModeIdSchema,
  permission: "contribute",
  run: (input, user) => deleteFailureMode(user, input.failureModeId),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/board`,
});

export const toggleVoteAction = defineAction({
  schema: failureModeIdSchema,
  permission: "contribute",
  run: (input, user) => toggleVote(user, input.failureModeId),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/board`,
});
