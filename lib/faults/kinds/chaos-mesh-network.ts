import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { milliseconds, percent } from "../param-fields";

/** Chaos Mesh NetworkChaos: delay, loss or partition of the selected pods' traffic. Revert deletes the NetworkChaos. */
export const chaosMeshNetwork = chaosMeshFault({
  kind: "chaos-mesh-network",
  label: "Chaos Mesh NetworkChaos",
  description: "NetworkChaos: delay, packet loss or a partition of the selected pods' traffic.",
  params: z
    .object({
      action: z.enum(["delay", "loss", "partition"]).default("delay").meta({ title: "Action" }),
      latencyMs: milliseconds("Latency (ms), for delay", 200, 1),
      jitterMs: milliseconds("Jitter (ms), for delay", 0, 0),
      lossPercent: percent("Loss (%), for loss", 10),
      direction: z.enum(["to", "from", "both"]).default("to").meta({ title: "Direction" }),
    })
    .refine((p) => p.action !== "loss" || p.lossPercent > 0, { path: ["lossPercent"], message: "Packet loss needs a loss above 0 %." }),
  crKind: "NetworkChaos",
  plural: "networkchaos",
  spec: (p) => ({
    action: p.action,
    direction: p.direction,
    ...(p.action === "delay" ? { delay: { latency: `${p.latencyMs}ms`, jitter: `${p.jitterMs}ms` } } : {}),
    // Chaos Mesh takes the loss percentage as a string ("25").
    ...(p.action === "loss" ? { loss: { loss: String(p.lossPercent) } } : {}),
  }),
});
