import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  cpuWorkers: number;
  cpuLoad: number;
  memoryWorkers: number;
  memoryMb: number;
}

/** Chaos Mesh StressChaos: CPU and memory stressors in the selected pods. Revert deletes the StressChaos. */
export const chaosMeshStress = chaosMeshDriver<Params>({
  kind: "chaos-mesh-stress",
  crKind: "StressChaos",
  plural: "stresschaos",
  spec: (p) => ({
    stressors: {
      ...(p.cpuWorkers > 0 ? { cpu: { workers: p.cpuWorkers, load: p.cpuLoad } } : {}),
      ...(p.memoryWorkers > 0 ? { memory: { workers: p.memoryWorkers, size: `${p.memoryMb}MB` } } : {}),
    },
  }),
});
