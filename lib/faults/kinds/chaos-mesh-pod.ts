import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  action: "pod-kill" | "pod-failure" | "container-kill";
  gracePeriodSeconds: number;
  containerName: string;
}

/** Chaos Mesh PodChaos: pod-kill, pod-failure (for the duration) or container-kill. Revert deletes the PodChaos. */
export const chaosMeshPod = chaosMeshDriver<Params>({
  kind: "chaos-mesh-pod",
  crKind: "PodChaos",
  plural: "podchaos",
  spec: (p) => ({
    action: p.action,
    ...(p.action === "pod-kill" ? { gracePeriod: p.gracePeriodSeconds } : {}),
    ...(p.containerName ? { containerNames: [p.containerName] } : {}),
  }),
});
