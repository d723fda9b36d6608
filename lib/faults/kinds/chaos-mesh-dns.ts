import "server-only";
import { chaosMeshDriver, listOf } from "./chaos-mesh";

interface Params {
  action: "error" | "random";
  patterns: string;
}

/** Chaos Mesh DNSChaos: failing or random DNS answers for the selected pods. Revert deletes the DNSChaos. */
export const chaosMeshDns = chaosMeshDriver<Params>({
  kind: "chaos-mesh-dns",
  crKind: "DNSChaos",
  plural: "dnschaos",
  spec: (p) => {
    const patterns = listOf(p.patterns);
    // No patterns: Chaos Mesh affects every domain.
    return { action: p.action, ...(patterns.length ? { patterns } : {}) };
  },
});
