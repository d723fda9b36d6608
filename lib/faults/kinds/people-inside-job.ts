import { z } from "zod";
import { definePeopleFault } from "../fault-module";
import { person } from "../param-fields";

/** Inside Job: secret, controlled sabotage agreed with the facilitator. */
export const peopleInsideJob = definePeopleFault({
  kind: "people-inside-job",
  label: "Inside Job",
  description: "Secret, controlled sabotage agreed with the facilitator, to test procedures.",
  params: z.object({ saboteur: person("Saboteur"), plan: z.string().trim().min(1, "Describe the agreed sabotage.").max(1000).meta({ title: "Agreed sabotage (kept from the room)" }) }),
  rules: ["Only the facilitator and the saboteur know the plan.", "The sabotage is reversible and agreed in advance.", "The room follows its normal incident procedure."],
});
