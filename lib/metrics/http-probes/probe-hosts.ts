// Which hosts an HTTP probe may call: the cluster's guardrails.probeHosts, an
// admin's list. Pure (no Node imports): the experiment editor's save-time
// check and the engine's connect-time guard make the same decision.
import { addressAllowed, destinationRefusal, hostAllowed, parseOutboundAllow, type OutboundPolicy } from "@/lib/outbound/policy";
import { parseIp } from "@/lib/outbound/ip-ranges";

/**
 * The outbound policy HTTP probes run under: exactly the cluster's listed
 * hosts, for the "probes" caller only. The operator's FIREDRILL_OUTBOUND_ALLOW
 * plays no part: a probe calls what the admin of that cluster allowed.
 */
export function probeHostPolicy(probeHosts: string[]): OutboundPolicy {
  return parseOutboundAllow(probeHosts.map((h) => `probes=${h}`).join(" "));
}

/**
 * Why an HTTP probe may not call `url` with these allowed hosts, or null
 * when it may. A host must be listed (by name, under a listed domain, or as
 * an address inside a listed range); a public https address that is not
 * listed is refused too, because the list is what the admin approved. The
 * connect-time guard checks the address really connected to again.
 */
export function probeUrlRefusal(url: string, probeHosts: string[]): string | null {
  if (!URL.canParse(url)) return "Enter a full http:// or https:// URL.";
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:") return "An HTTP probe calls an http:// or https:// URL.";
  if (u.username || u.password) return "Leave credentials out of the probe's URL: it is shown on the run page and in reports.";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const policy = probeHostPolicy(probeHosts);
  const ip = parseIp(host);
  const listed = hostAllowed(policy, "probes", host) || (ip !== null && addressAllowed(policy, "probes", ip));
  if (!listed) {
    const allowed = probeHosts.length ? `Allowed on this cluster: ${probeHosts.join(", ")}.` : "This cluster allows HTTP probes to call no host yet.";
    return `${host} is not a host an admin allowed HTTP probes to call. ${allowed} An admin adds it under Clusters → Guardrails → Hosts HTTP probes may call.`;
  }
  const refusal = destinationRefusal({ protocol: u.protocol, hostname: host, ...(ip ? { address: host } : {}) }, "probes", policy);
  return refusal ? `${refusal[0].toUpperCase()}${refusal.slice(1)}.` : null;
}
