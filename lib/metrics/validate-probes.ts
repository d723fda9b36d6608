import "server-only";
import type { FieldErrors } from "@/lib/errors";
import { isHttpProbe, type Probe } from "@/lib/experiments/schemas";
import { checkPromQL } from "./prometheus";
import { sourceFor } from "./sources";
import { probeUrlRefusal } from "./http-probes/probe-hosts";
import { probeHostsOf } from "./http-probes/probe-hosts-of";

/**
 * Checks every probe where it will run, and returns a message per field:
 * a PromQL probe's query is asked of the Prometheus the experiment will be
 * measured with ("steadyState.0.query": Prometheus' own error; no source or
 * an unreachable Prometheus is said next to the first PromQL probe, because
 * an unchecked probe would only fail later, in preflight); an HTTP probe's
 * URL must be on a host the experiment's cluster allows
 * ("abortConditions.1.http.url"). No request is made at save time.
 */
export async function validateProbes(teamId: string, clusterId: string | null, probes: { steadyState: Probe[]; abortConditions: Probe[] }): Promise<FieldErrors> {
  const keyed = [...probes.steadyState.map((p, i) => [`steadyState.${i}`, p] as const), ...probes.abortConditions.map((p, i) => [`abortConditions.${i}`, p] as const)];
  const fieldErrors: FieldErrors = {};
  const http = keyed.filter(([, p]) => isHttpProbe(p));
  if (http.length) {
    const hosts = await probeHostsOf(clusterId, teamId);
    for (const [prefix, p] of http) {
      const refusal = clusterId ? probeUrlRefusal(p.http!.url, hosts) : "An HTTP probe calls only hosts an admin allowed on the experiment's cluster: pick the cluster first.";
      if (refusal) fieldErrors[`${prefix}.http.url`] = refusal;
    }
  }
  const all = keyed.filter(([, p]) => !isHttpProbe(p)).map(([prefix, p]) => [`${prefix}.query`, p] as const);
  if (all.length === 0) return fieldErrors;
  const source = await sourceFor(teamId, clusterId);
  if (!source) return { ...fieldErrors, [all[0][0]]: "No metrics source is configured, so this PromQL cannot be checked. An admin adds Prometheus under Settings → Metrics." };
  const checks = await Promise.all(all.map(async ([field, p]) => [field, await checkPromQL(source.endpoint, p.query)] as const));
  for (const [field, c] of checks) {
    if (c.error) fieldErrors[field] = `Prometheus: ${c.error}`;
    else if (c.unreachable) fieldErrors[field] = `Could not check this query: ${source.name}: ${c.unreachable}`;
  }
  return fieldErrors;
}
