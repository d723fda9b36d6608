import { z } from "zod";
import { definePeopleFault } from "../fault-module";
import { person } from "../param-fields";

/** Life in the Slow Lane: one person answers only after a fixed delay. */
export const peopleSlowLane = definePeopleFault({
  kind: "people-slow-lane",
  label: "Life in the Slow Lane",
  description: "One person answers only after a fixed delay.",
  params: z.object({
    person: person("Slow person"),
    delayMinutes: z.coerce.number({ error: "Delay must be a number." }).int().min(1, "Delay must be at least 1 minute.").max(120, "Keep the delay under 2 hours.").default(5).meta({ title: "Answer delay (minutes)" }),
  }),
  rules: ["The chosen person waits the delay before every answer.", "Others decide whether to wait or work around them.", "Note decisions that were blocked."],
});
