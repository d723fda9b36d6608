import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { count } from "../param-fields";

/** Chaos Mesh StressChaos: CPU and memory stressors in the selected pods. Revert deletes the StressChaos. */
export const chaosMeshStress = chaosMeshFault({
  kind: "chaos-mesh-stress",
  label: "Chaos Mesh StressChaos",
  description: "StressChaos: CPU and memory stressors inside the selected pods.",
  params: z
    .object({
      cpuWorkers: count("CPU workers", 1, 8192),
      cpuLoad: count("CPU load per worker (%)", 100, 100),
      memoryWorkers: count("Memory workers", 0, 8192),
      memoryMb: z.coerce.number({ error: "Memory must be a number." }).int().min(1, "Allocate at least 1 MB.").max(1_048_576).default(256).meta({ title: "Memory per worker (MB)" }),
    })
    .refine((p) => p.cpuWorkers + p.memoryWorkers > 0, { path: ["cpuWorkers"], message: "Add at least one CPU or memory worker." }),
  crKind: "StressChaos",
  plural: "stresschaos",
  spec: (p) => ({
    stressors: {
      ...(p.cpuWorkers > 0 ? { cpu: { workers: p.cpuWorkers, load: p.cpuLoad } } : {}),
      ...(p.memoryWorkers > 0 ? { memory: { workers: p.memoryWorkers, size: `${p.memoryMb}MB` } } : {}),
    },
  }),
});
