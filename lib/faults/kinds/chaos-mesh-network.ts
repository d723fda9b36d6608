import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  action: "delay" | "loss" | "partition";
  latencyMs: number;
  jitterMs: number;
  lossPercent: number;
  direction: "to" | "from" | "both";
}

/** Chaos Mesh NetworkChaos: delay, loss or partition of the selected pods' traffic. Revert deletes the NetworkChaos. */
export const chaosMeshNetwork = chaosMeshDriver<Params>({
  kind: "chaos-mesh-network",
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
