import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { containerName } from "../param-fields";

/** Chaos Mesh TimeChaos: shifts the clock the selected pods see. Revert deletes the TimeChaos. */
export const chaosMeshTime = chaosMeshFault({
  kind: "chaos-mesh-time",
  label: "Chaos Mesh TimeChaos",
  description: "TimeChaos: shift the clock the selected pods see.",
  params: z.object({
    offsetSec: z.coerce
      .number({ error: "The offset must be a number." })
      .int("The offset must be whole seconds.")
      .min(-31_536_000, "Keep the offset within a year.")
      .max(31_536_000, "Keep the offset within a year.")
      .refine((n) => n !== 0, "An offset of 0 changes nothing.")
      .default(-600)
      .meta({ title: "Clock offset (s; negative: into the past)" }),
    containerName: containerName("Container (empty: the first)"),
  }),
  crKind: "TimeChaos",
  plural: "timechaos",
  spec: (p) => ({
    timeOffset: `${p.offsetSec}s`,
    ...(p.containerName ? { containerNames: [p.containerName] } : {}),
  }),
});
