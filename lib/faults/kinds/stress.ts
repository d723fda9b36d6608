import "server-only";
import { z } from "zod";
import { ephemeralFault } from "../builders/ephemeral-container";
import { image } from "../param-fields";

/** CPU and memory stress with stress-ng in an ephemeral container; ends by itself after the duration. */
export const stress = ephemeralFault({
  kind: "stress",
  label: "CPU / memory stress",
  description: "A stressor in an ephemeral container; reverts itself after the duration.",
  params: z.object({
    cpuWorkers: z.coerce.number().int().min(0).max(64).default(1).meta({ title: "CPU workers" }),
    memoryMb: z.coerce.number().int().min(0).max(65536).default(0).meta({ title: "Memory to allocate (MiB)" }),
    image,
  }),
  image: (p) => p.image,
  capabilities: [],
  script: (p, duration) => {
    const args = [p.cpuWorkers > 0 ? `--cpu ${Math.round(p.cpuWorkers)}` : "", p.memoryMb > 0 ? `--vm 1 --vm-bytes ${Math.round(p.memoryMb)}M` : ""].filter(Boolean).join(" ");
    return `stress-ng ${args || "--cpu 1"} --timeout ${duration}s`;
  },
});
