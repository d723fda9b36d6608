import "server-only";
import { ephemeralDriver } from "./ephemeral-container";

interface Params {
  latencyMs: number;
  jitterMs: number;
  lossPercent: number;
  image: string;
}

/** Network delay and loss with `tc qdisc … netem` in an ephemeral NET_ADMIN container; self-reverting. */
export const networkDelay = ephemeralDriver<Params>({
  kind: "network-delay",
  capabilities: ["NET_ADMIN"],
  script: (p, duration) => {
    const netem = `delay ${Math.round(p.latencyMs)}ms ${Math.round(p.jitterMs)}ms${p.lossPercent > 0 ? ` loss ${p.lossPercent}%` : ""}`;
    // The trap removes the qdisc however the container ends.
    return `trap 'tc qdisc del dev eth0 root netem 2>/dev/null' EXIT INT TERM; tc qdisc add dev eth0 root netem ${netem} && sleep ${duration}`;
  },
});
