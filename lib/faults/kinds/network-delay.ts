import "server-only";
import { z } from "zod";
import { ephemeralFault } from "../builders/ephemeral-container";
import { image, percent, seconds } from "../param-fields";

/** Network delay and loss with `tc qdisc … netem` in an ephemeral NET_ADMIN container; self-reverting. */
export const networkDelay = ephemeralFault({
  kind: "network-delay",
  label: "Network delay / loss",
  description: "tc netem in an ephemeral NET_ADMIN container; reverts itself after the duration.",
  params: z.object({ latencyMs: seconds("Latency (ms)", 200, 60000), jitterMs: seconds("Jitter (ms)", 20, 60000), lossPercent: percent("Packet loss (%)", 0), image }),
  image: (p) => p.image,
  capabilities: ["NET_ADMIN"],
  script: (p, duration) => {
    const netem = `delay ${Math.round(p.latencyMs)}ms ${Math.round(p.jitterMs)}ms${p.lossPercent > 0 ? ` loss ${p.lossPercent}%` : ""}`;
    // The trap removes the qdisc however the container ends.
    return `trap 'tc qdisc del dev eth0 root netem 2>/dev/null' EXIT INT TERM; tc qdisc add dev eth0 root netem ${netem} && sleep ${duration}`;
  },
});
