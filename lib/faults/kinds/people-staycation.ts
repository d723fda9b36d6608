import { z } from "zod";
import { definePeopleFault } from "../fault-module";
import { person } from "../param-fields";

/** Staycation: one person is unavailable for the whole experiment. */
export const peopleStaycation = definePeopleFault({
  kind: "people-staycation",
  label: "Staycation",
  description: "One person is unavailable for the whole experiment: no chat, no calls, no answers.",
  params: z.object({ person: person("Person on staycation"), covers: z.string().trim().max(200).default("").meta({ title: "Who covers for them" }) }),
  rules: ["The chosen person leaves the room and does not answer anything.", "Everyone else works as on a normal day.", "Write down every moment you needed them."],
});
