import "server-only";
import { db } from "@/lib/db/client";
import { guardrailsSchema } from "@/lib/k8s/guardrails";

/**
 * The hosts HTTP probes may call on a cluster, read fresh on every use: an
 * admin who removes a host stops the probes that call it at their next
 * request. No cluster (or one deleted since, or another team's): none.
 */
export async function probeHostsOf(clusterId: string | null, teamId?: string): Promise<string[]> {
  if (!clusterId) return [];
  // With a team (save time), another team's cluster is no cluster: its list is not theirs to test against.
  const c = await db.clusterConnection.findFirst({ where: { id: clusterId, ...(teamId ? { teamId } : {}) }, select: { guardrails: true } });
  return c ? guardrailsSchema.parse(c.guardrails ?? {}).probeHosts : [];
}
