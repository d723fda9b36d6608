import { z } from "zod";
import { definePeopleFault } from "../fault-module";
import { person } from "../param-fields";

/** Liar Liar: one person gives plausible misinformation on a topic. */
export const peopleLiarLiar = definePeopleFault({
  kind: "people-liar-liar",
  label: "Liar Liar",
  description: "One person gives plausible misinformation when asked about a topic.",
  params: z.object({ liar: person("Liar"), topic: z.string().trim().min(1, "Name the topic the liar misinforms about.").max(200).meta({ title: "Topic" }) }),
  rules: ["The liar answers questions on the topic plausibly but wrongly.", "Others may verify answers through docs, dashboards or code.", "Note how long until the misinformation was caught."],
});
