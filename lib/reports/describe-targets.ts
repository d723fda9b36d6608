import type { Targets } from "@/lib/experiments/schemas";

/** What an experiment's faults were aimed at, in one line a reader can check against the cluster. */
export function describeTargets(t: Targets): string {
  const parts: string[] = [];
  if (t.namespace) parts.push(`namespace ${t.namespace}`);
  if (t.owner) parts.push(`${t.owner.kind} ${t.owner.name}`);
  if (t.labelSelector) parts.push(`labels ${t.labelSelector}`);
  if (t.fieldSelector) parts.push(`fields ${t.fieldSelector}`);
  if (t.names.length) parts.push(`names ${t.names.join(", ")}`);
  if (t.nodeSelector) parts.push(`nodes ${t.nodeSelector}`);
  if (t.sample.mode === "count") parts.push(`${t.sample.value} picked at random`);
  if (t.sample.mode === "percent") parts.push(`${t.sample.value}% picked at random`);
  if (t.probability < 1) parts.push(`probability ${t.probability}`);
  if (t.repeat.count > 1) parts.push(`repeated ${t.repeat.count}× every ${t.repeat.intervalSec} s`);
  return parts.join("; ") || "all matching targets";
}
