import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  offsetSec: number;
  containerName: string;
}

/** Chaos Mesh TimeChaos: shifts the clock the selected pods see. Revert deletes the TimeChaos. */
export const chaosMeshTime = chaosMeshDriver<Params>({
  kind: "chaos-mesh-time",
  crKind: "TimeChaos",
  plural: "timechaos",
  spec: (p) => ({
    timeOffset: `${p.offsetSec}s`,
    ...(p.containerName ? { containerNames: [p.containerName] } : {}),
  }),
});
