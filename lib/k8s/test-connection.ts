import "server-only";
import { clusterFaults } from "@/lib/faults/registry";
import type { SessionUser } from "@/lib/auth/session-user";
import { clientForCluster, getConnectionOrThrow } from "./connections";
import { withTimeout, type ClusterClient } from "./client";
import { clusterError } from "./cluster-errors";

export interface ConnectionReport {
  ok: boolean;
  error?: string;
  version?: string;
  /**
   * Per cluster fault kind: may Firedrill do it (in the namespace checked).
   * `missing` lists every permission refused; one needed only for some
   * targets says for which ("… (StatefulSets)") and does not make the kind disallowed.
   */
  permissions: { kind: string; label: string; allowed: boolean; missing: string[] }[];
  /** Chaos backends discovered from installed CRDs (never assumed). */
  backends: { name: string; present: boolean; kinds: string[] }[];
}

const BACKENDS = [
  { name: "Chaos Mesh", group: "chaos-mesh.org" },
  { name: "Istio", group: "networking.istio.io" },
  { name: "LitmusChaos", group: "litmuschaos.io" },
];

async function discoverBackends(client: ClusterClient): Promise<ConnectionReport["backends"]> {
  const crds = (await client.objects.list("apiextensions.k8s.io/v1", "CustomResourceDefinition")) as { items: { spec?: { group?: string; names?: { kind?: string } } }[] };
  return BACKENDS.map((b) => {
    const kinds = crds.items.filter((c) => c.spec?.group === b.group).map((c) => c.spec?.names?.kind ?? "").filter(Boolean).sort();
    return { name: b.name, present: kinds.length > 0, kinds };
  });
}

/**
 * "Test connection": server version, what Firedrill may do there (a
 * SelfSubjectAccessReview per permission each driver needs, in `namespace`),
 * and which chaos backends are installed. Errors come back as data.
 */
export async function testConnection(user: SessionUser, clusterId: string, namespace: string): Promise<ConnectionReport> {
  await getConnectionOrThrow(user, clusterId);
  try {
    const { client } = await clientForCluster(clusterId);
    const version = await withTimeout(client.version.getCode(), 8000, "asking the server version");
    const permissions: ConnectionReport["permissions"] = [];
    for (const kind of clusterFaults()) {
      const missing: string[] = [];
      let allowed = true;
      for (const p of kind.permissions) {
        const review = await withTimeout(
          client.authz.createSelfSubjectAccessReview({
            body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { verb: p.verb, group: p.group, resource: p.resource, subresource: p.subresource, namespace: kind.targetKind === "Node" ? undefined : namespace || undefined } } },
          }),
          8000,
          "checking permissions",
        );
        if (review.status?.allowed) continue;
        missing.push(`${p.verb} ${p.group ? p.group + "/" : ""}${p.resource}${p.subresource ? "/" + p.subresource : ""}${p.only ? ` (${p.only})` : ""}`);
        if (!p.only) allowed = false;
      }
      permissions.push({ kind: kind.kind, label: kind.label, allowed, missing });
    }
    return { ok: true, version: version.gitVersion, permissions, backends: await withTimeout(discoverBackends(client), 8000, "listing CRDs") };
  } catch (error) {
    return { ok: false, error: clusterError(error, "testing the connection").message, permissions: [], backends: [] };
  }
}
