import "server-only";
import type { FieldErrors } from "@/lib/errors";
import type { Probe } from "@/lib/experiments/schemas";
import { checkPromQL } from "./prometheus";
import { sourceFor } from "./sources";

/**
 * Asks the Prometheus the experiment will be measured with to check every
 * probe's PromQL, and returns Prometheus' own error per query field
 * ("steadyState.0.query"). With no source configured, or Prometheus
 * unreachable, nothing can be checked: that is said next to the first probe,
 * because an unchecked probe would only fail later, in preflight.
 */
export async function validateProbes(teamId: string, clusterId: string | null, probes: { steadyState: Probe[]; abortConditions: Probe[] }): Promise<FieldErrors> {
  const all = [...probes.steadyState.map((p, i) => [`steadyState.${i}.query`, p] as const), ...probes.abortConditions.map((p, i) => [`abortConditions.${i}.query`, p] as const)];
  if (all.length === 0) return {};
  const source = await sourceFor(teamId, clusterId);
  if (!source) return { [all[0][0]]: "No metrics source is configured, so this PromQL cannot be checked. An admin adds Prometheus under Settings → Metrics." };
  const checks = await Promise.all(all.map(async ([field, p]) => [field, await checkPromQL(source.endpoint, p.query)] as const));
  const fieldErrors: FieldErrors = {};
  for (const [field, c] of checks) {
    if (c.error) fieldErrors[field] = `Prometheus: ${c.error}`;
    else if (c.unreachable) fieldErrors[field] = `Could not check this query: ${source.name}: ${c.unreachable}`;
  }
  return fieldErrors;
}
