import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { containerName, seconds } from "../param-fields";

/** Chaos Mesh PodChaos: pod-kill, pod-failure (for the duration) or container-kill. Revert deletes the PodChaos. */
export const chaosMeshPod = chaosMeshFault({
  kind: "chaos-mesh-pod",
  label: "Chaos Mesh PodChaos",
  description: "PodChaos: kill pods, make them fail for the duration, or kill one container.",
  params: z
    .object({
      action: z.enum(["pod-kill", "pod-failure", "container-kill"]).default("pod-kill").meta({ title: "Action" }),
      gracePeriodSeconds: seconds("Grace period for pod-kill (s)", 0),
      containerName: containerName("Container (container-kill)"),
    })
    .refine((p) => p.action !== "container-kill" || p.containerName !== "", { path: ["containerName"], message: "Name the container to kill." }),
  crKind: "PodChaos",
  plural: "podchaos",
  spec: (p) => ({
    action: p.action,
    ...(p.action === "pod-kill" ? { gracePeriod: p.gracePeriodSeconds } : {}),
    ...(p.containerName ? { containerNames: [p.containerName] } : {}),
  }),
});
