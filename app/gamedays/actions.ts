"use server";

import { defineAction } from "@/app/_server/action";
import { addParticipant, createGameDay, removeParticipant, setGameDayPhase, updateGameDay } from "@/lib/gameday/gamedays";
import { createGameDayFromTemplate } from "@/lib/as-code/template-store";
import { templateRequestSchema } from "@/lib/as-code/template-request";
import { addParticipantSchema, createGameDaySchema, removeParticipantSchema, setPhaseSchema, updateGameDaySchema } from "@/lib/gameday/schemas";

export const createGameDayAction = defineAction({
  schema: createGameDaySchema,
  permission: "facilitate",
  run: (input, user) => createGameDay(user, input),
  revalidate: () => "/",
});

export const updateGameDayAction = defineAction({
  schema: updateGameDaySchema,
  permission: "facilitate",
  run: (input, user) => updateGameDay(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}`,
  success: "Saved.",
});

export const setPhaseAction = defineAction({
  schema: setPhaseSchema,
  permission: "facilitate",
  run: (input, user) => setGameDayPhase(user, input.gameDayId, input.phase),
  revalidate: (i) => [`/gamedays/${i.gameDayId}`, "/"],
});

export const addParticipantAction = defineAction({
  schema: addParticipantSchema,
  permission: "facilitate",
  run: (input, user) => addParticipant(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}`,
});

export const removeParticipantAction = defineAction({
  schema: removeParticipantSchema,
  permission: "facilitate",
  run: (input, user) => removeParticipant(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}`,
});

export const createFromTemplateAction = defineAction({
  schema: templateRequestSchema,
  permission: "facilitate",
  run: (input, user) => createGameDayFromTemplate(user, input),
  revalidate: () => "/",
});
