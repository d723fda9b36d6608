import "server-only";
import { z } from "zod";
import { ephemeralFault } from "../builders/ephemeral-container";
import { image } from "../param-fields";

/**
 * CPU and memory stress with stress-ng in an ephemeral container; ends by
 * itself after the duration. The default image (Pumba's stress-ng) is
 * `FROM scratch` with `/stress-ng` alone, so the stressor runs directly, with
 * no shell: `sh -c` there cannot start (evidence in the test bed README).
 */
export const stress = ephemeralFault({
  kind: "stress",
  label: "CPU / memory stress",
  description: "A stressor in an ephemeral container; reverts itself after the duration.",
  params: z.object({
    cpuWorkers: z.coerce.number().int().min(0).max(64).default(1).meta({ title: "CPU workers" }),
    memoryMb: z.coerce.number().int().min(0).max(65536).default(0).meta({ title: "Memory to allocate (MiB)" }),
    image: image("ghcr.io/alexei-led/stress-ng:latest", "/stress-ng"),
  }),
  image: (p) => p.image,
  capabilities: [],
  command: (p, duration) => {
    const cpu = p.cpuWorkers > 0 ? ["--cpu", String(Math.round(p.cpuWorkers))] : [];
    const vm = p.memoryMb > 0 ? ["--vm", "1", "--vm-bytes", `${Math.round(p.memoryMb)}M`] : [];
    return ["/stress-ng", ...(cpu.length || vm.length ? [...cpu, ...vm] : ["--cpu", "1"]), "--timeout", `${duration}s`];
  },
});
