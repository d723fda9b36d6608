import "server-only";
import { z } from "zod";
import { chaosMeshFault, listOf } from "../builders/chaos-mesh";

/** Chaos Mesh DNSChaos: failing or random DNS answers for the selected pods. Revert deletes the DNSChaos. */
export const chaosMeshDns = chaosMeshFault({
  kind: "chaos-mesh-dns",
  label: "Chaos Mesh DNSChaos",
  description: "DNSChaos: DNS lookups from the selected pods fail or return random addresses (needs Chaos Mesh's DNS server).",
  params: z.object({
    action: z.enum(["error", "random"]).default("error").meta({ title: "Action" }),
    patterns: z
      .string()
      .trim()
      .max(500)
      .regex(/^\s*([a-z0-9?.-]+\*?|\*)?(\s*,\s*([a-z0-9?.-]+\*?|\*))*\s*$/i, "List domains separated by commas; a * may only end a pattern.")
      .default("")
      .meta({ title: "Domain patterns (comma-separated; empty: all)" }),
  }),
  crKind: "DNSChaos",
  plural: "dnschaos",
  spec: (p) => {
    const patterns = listOf(p.patterns);
    // No patterns: Chaos Mesh affects every domain.
    return { action: p.action, ...(patterns.length ? { patterns } : {}) };
  },
});
