import "server-only";
import { z } from "zod";
import { ephemeralFault } from "../builders/ephemeral-container";
import { image, percent, seconds } from "../param-fields";

/**
 * Network delay and loss with `tc qdisc … netem` in an ephemeral NET_ADMIN
 * container; self-reverting. The default image is Pumba's Debian nettools
 * (a POSIX shell, `tc` from iproute2, `sleep`); the kernel needs `sch_netem`,
 * and without it tc's own message reaches the room as "failed to take effect".
 */
export const networkDelay = ephemeralFault({
  kind: "network-delay",
  label: "Network delay / loss",
  description: "tc netem in an ephemeral NET_ADMIN container; reverts itself after the duration.",
  params: z.object({
    latencyMs: seconds("Latency (ms)", 200, 60000),
    jitterMs: seconds("Jitter (ms)", 20, 60000),
    lossPercent: percent("Packet loss (%)", 0),
    image: image("ghcr.io/alexei-led/pumba-debian-nettools:latest", "a POSIX shell, tc (iproute2) and sleep"),
  }),
  image: (p) => p.image,
  capabilities: ["NET_ADMIN"],
  command: (p, duration) => {
    const netem = `delay ${Math.round(p.latencyMs)}ms ${Math.round(p.jitterMs)}ms${p.lossPercent > 0 ? ` loss ${p.lossPercent}%` : ""}`;
    // The trap removes the qdisc however the container ends; tc's exit code is the container's when it fails.
    return ["sh", "-c", `trap 'tc qdisc del dev eth0 root netem 2>/dev/null' EXIT INT TERM; tc qdisc add dev eth0 root netem ${netem} && sleep ${duration}`];
  },
});
