// Where Firedrill may send requests: the operator's allow list
// (FIREDRILL_OUTBOUND_ALLOW) and the one decision both the save-time checks
// (zod schemas) and the connect-time guard (guarded-request.ts) make. Pure
// code with no Node imports and no secrets: the schemas that use it are also
// bundled into the browser for their labels (the browser never parses with them).
import { cidrContains, internalRangeOf, parseCidr, parseIp, type Cidr, type IpAddress } from "./ip-ranges";

/** The environment variable operators set to allow internal or plain-http destinations. */
export const OUTBOUND_ALLOW_ENV = "FIREDRILL_OUTBOUND_ALLOW";

/** Who is calling out: each caller checks against the entries for everyone plus its own. */
export const OUTBOUND_PURPOSES = ["webhooks", "trackers", "metrics", "probes"] as const;
export type OutboundPurpose = (typeof OUTBOUND_PURPOSES)[number];

type AllowEntry = { purpose: OutboundPurpose | null } & ({ kind: "cidr"; cidr: Cidr } | { kind: "host"; host: string; subdomains: boolean });

/** The parsed allow list. */
export interface OutboundPolicy {
  entries: AllowEntry[];
  /** Entries that could not be read (ignored, and logged once). */
  invalid: string[];
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
const normaliseHost = (h: string) => h.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");

/**
 * Reads an allow list: entries separated by commas or spaces, each a CIDR
 * ("10.0.0.0/8", "fd00::/8"), an address ("10.1.2.3"), a host name
 * ("prometheus.internal") or every name under a domain (".svc.cluster.local"
 * or "*.svc.cluster.local"), optionally limited to one caller with a prefix:
 * "metrics=10.0.0.0/8", "trackers=gitlab.corp", "webhooks=192.168.5.0/24".
 */
export function parseOutboundAllow(text: string | undefined): OutboundPolicy {
  const policy: OutboundPolicy = { entries: [], invalid: [] };
  for (const raw of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const eq = raw.indexOf("=");
    const scope = eq >= 0 ? raw.slice(0, eq).toLowerCase() : null;
    const target = eq >= 0 ? raw.slice(eq + 1) : raw;
    if (scope !== null && !(OUTBOUND_PURPOSES as readonly string[]).includes(scope)) {
      policy.invalid.push(raw);
      continue;
    }
    const purpose = scope as OutboundPurpose | null;
    const cidr = parseCidr(target.replace(/^\[([^\]]*)\]/, "$1"));
    if (cidr) {
      policy.entries.push({ purpose, kind: "cidr", cidr });
      continue;
    }
    const subdomains = target.startsWith(".") || target.startsWith("*.");
    const host = normaliseHost(target.replace(/^\*?\./, ""));
    // A name made of digits and dots would be read as an address by resolvers: not a name entry.
    if (HOST_NAME.test(host) && !/^[\d.]+$/.test(host) && !target.includes("/")) policy.entries.push({ purpose, kind: "host", host, subdomains });
    else policy.invalid.push(raw);
  }
  return policy;
}

let cached: { text: string | undefined; policy: OutboundPolicy } | null = null;

/** The operator's allow list from the environment (read on every call, so tests and restarts see changes). */
export function outboundPolicyFromEnv(): OutboundPolicy {
  const text = typeof process === "undefined" ? undefined : process.env[OUTBOUND_ALLOW_ENV];
  if (cached && cached.text === text) return cached.policy;
  const policy = parseOutboundAllow(text);
  if (policy.invalid.length) console.warn(`firedrill: ${OUTBOUND_ALLOW_ENV}: ignoring entries that are neither a CIDR nor a host name: ${policy.invalid.join(", ")}`);
  cached = { text, policy };
  return policy;
}

const applies = (e: AllowEntry, purpose: OutboundPurpose) => e.purpose === null || e.purpose === purpose;

/** Whether the operator listed this host name (exactly, or under a listed domain) for the caller. */
export function hostAllowed(policy: OutboundPolicy, purpose: OutboundPurpose, hostname: string): boolean {
  const h = normaliseHost(hostname);
  return policy.entries.some((e) => applies(e, purpose) && e.kind === "host" && (h === e.host || (e.subdomains && h.endsWith(`.${e.host}`))));
}

/** Whether the operator listed a range holding this address for the caller. */
export function addressAllowed(policy: OutboundPolicy, purpose: OutboundPurpose, ip: IpAddress): boolean {
  return policy.entries.some((e) => applies(e, purpose) && e.kind === "cidr" && cidrContains(e.cidr, ip));
}

/** Names every resolver answers with loopback (RFC 6761), judged as 127.0.0.1 before any lookup. */
const LOOPBACK_NAME = /(^|\.)localhost$/;

/**
 * Why a destination is refused, or null when Firedrill may call it.
 *
 * - https:// to a public address: allowed.
 * - An internal address (loopback, private, link-local/metadata, …; see
 *   ip-ranges.ts): refused unless the operator lists its range or the host name.
 * - Plain http://: only to destinations the operator lists (a listed name, or
 *   an address inside a listed range). On the internet, http lets anyone on the
 *   path read the token or webhook secret and change the answer; inside the
 *   operator's own network (an in-cluster Prometheus) it is common and the
 *   operator has accepted that by listing it. A listed name vouches for its
 *   DNS too: the operator controls where it points.
 *
 * `address` is the address actually connected to (connect time); without it
 * (save time) the URL's own host is judged, and a name is resolved later.
 */
export function destinationRefusal(target: { protocol: string; hostname: string; address?: string }, purpose: OutboundPurpose, policy: OutboundPolicy): string | null {
  const host = normaliseHost(target.hostname);
  if (target.protocol !== "https:" && target.protocol !== "http:") return `refused: only https:// addresses can be called (got ${target.protocol})`;
  if (hostAllowed(policy, purpose, host)) return null;
  const literal = parseIp(host);
  const ipText = target.address ?? (literal ? host : LOOPBACK_NAME.test(host) ? "127.0.0.1" : null);
  const ip = ipText === null ? null : parseIp(ipText);
  if (ipText !== null && !ip) return `refused: ${host} resolves to an address Firedrill cannot read (${ipText})`;
  const allowed = ip !== null && addressAllowed(policy, purpose, ip);
  if (ip && !allowed) {
    const internal = internalRangeOf(ip);
    if (internal) return `refused: ${host} resolves to an internal address (${ipText}, ${internal})`;
  }
  if (target.protocol === "http:" && !allowed) {
    // At save time a name cannot be judged yet: accept it when some listed range may hold it.
    const mayBeListed = ip === null && policy.entries.some((e) => applies(e, purpose) && e.kind === "cidr");
    if (!mayBeListed) return `refused: plain http:// to ${host}${ip && ipText !== host ? ` (${ipText})` : ""} is only allowed to destinations the operator lists`;
  }
  return null;
}

/**
 * The field message for a URL entered in a form (webhook, tracker API
 * address, Prometheus URL), or null when it may be saved. The connect-time
 * guard checks again, on the address really connected to.
 */
export function outboundUrlIssue(raw: string, purpose: OutboundPurpose, policy: OutboundPolicy = outboundPolicyFromEnv()): string | null {
  if (!URL.canParse(raw)) return "Enter a full address, starting with https://.";
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Enter an address starting with https://.";
  const refusal = destinationRefusal({ protocol: url.protocol, hostname: url.hostname }, purpose, policy);
  if (!refusal) return null;
  const example = normaliseHost(url.hostname);
  return `${refusal[0].toUpperCase()}${refusal.slice(1)}. Use a public https:// address, or ask the operator to allow this destination: ${OUTBOUND_ALLOW_ENV}=${purpose}=${example}.`;
}
