import type { FaultDriver } from "./driver";

// Cluster drivers register here, one import per file in lib/faults/drivers/.
// None exist yet: cluster connections and drivers are their own issue.
const DRIVERS = new Map<string, FaultDriver>();

/** The driver for a fault kind, or undefined when that kind cannot run yet. */
export function driverFor(kind: string): FaultDriver | undefined {
  return DRIVERS.get(kind);
}

/** True when the kind can be executed (people kinds need no driver). */
export function hasDriver(kind: string): boolean {
  return DRIVERS.has(kind);
}
