import "server-only";
import { ephemeralDriver } from "./ephemeral-container";

interface Params {
  cpuWorkers: number;
  memoryMb: number;
  image: string;
}

/** CPU and memory stress with stress-ng in an ephemeral container; ends by itself after the duration. */
export const stress = ephemeralDriver<Params>({
  kind: "stress",
  capabilities: [],
  script: (p, duration) => {
    const args = [p.cpuWorkers > 0 ? `--cpu ${Math.round(p.cpuWorkers)}` : "", p.memoryMb > 0 ? `--vm 1 --vm-bytes ${Math.round(p.memoryMb)}M` : ""].filter(Boolean).join(" ");
    return `stress-ng ${args || "--cpu 1"} --timeout ${duration}s`;
  },
});
