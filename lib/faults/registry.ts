import "server-only";
import type { FaultDriver } from "./driver";
import { podKill } from "./drivers/pod-kill";
import { scaleDown } from "./drivers/scale-down";
import { nodeDrain } from "./drivers/node-drain";
import { networkPartition } from "./drivers/network-partition";
import { rolloutRestart } from "./drivers/rollout-restart";
import { networkDelay } from "./drivers/network-delay";
import { stress } from "./drivers/stress";
import { istioFaultDriver } from "./drivers/istio-fault";
import { chaosMeshPod } from "./drivers/chaos-mesh-pod";
import { chaosMeshNetwork } from "./drivers/chaos-mesh-network";
import { chaosMeshHttp } from "./drivers/chaos-mesh-http";
import { chaosMeshStress } from "./drivers/chaos-mesh-stress";
import { chaosMeshIo } from "./drivers/chaos-mesh-io";
import { chaosMeshTime } from "./drivers/chaos-mesh-time";
import { chaosMeshDns } from "./drivers/chaos-mesh-dns";
import { litmusEngine } from "./drivers/litmus-engine";

// One entry per driver file in lib/faults/drivers/. Adding a fault kind =
// adding its catalog entry (lib/faults/catalog.ts) and one driver file here.
const DRIVERS = new Map<string, FaultDriver<never>>(
  [
    podKill,
    scaleDown,
    nodeDrain,
    networkPartition,
    rolloutRestart,
    networkDelay,
    stress,
    istioFaultDriver,
    chaosMeshPod,
    chaosMeshNetwork,
    chaosMeshHttp,
    chaosMeshStress,
    chaosMeshIo,
    chaosMeshTime,
    chaosMeshDns,
    litmusEngine,
  ].map((d) => [d.kind, d as unknown as FaultDriver<never>]),
);

/** The driver for a fault kind, or undefined when that kind cannot run yet. */
export function driverFor(kind: string): FaultDriver<Record<string, unknown>> | undefined {
  return DRIVERS.get(kind) as FaultDriver<Record<string, unknown>> | undefined;
}

/** True when the kind can be executed against a cluster. */
export function hasDriver(kind: string): boolean {
  return DRIVERS.has(kind);
}

/** Kinds that have drivers (for "Test connection" permission checks). */
export function driverKinds(): string[] {
  return [...DRIVERS.keys()];
}
