// IP addresses and the ranges Firedrill must not call unless the operator
// says so. Pure code with no Node imports: the zod schemas that the browser
// bundles (for their labels) use it too. Inputs are expected in the canonical
// forms Node produces — WHATWG URL hostnames (which already turned 2130706433,
// 0177.0.0.1 and 127.1 into 127.0.0.1) and dns.lookup answers — and anything
// else is "not an IP" here, which the guard treats as a name to resolve and
// check, never as a pass.

/** An address as 4 (IPv4) or 16 (IPv6) bytes. */
export interface IpAddress {
  version: 4 | 6;
  bytes: number[];
}

/** A range of addresses: the first `bits` bits of `base` (prefix length). */
export interface Cidr {
  base: IpAddress;
  bits: number;
}

function parseIpv4(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map((p) => (p.length > 1 && p.startsWith("0") ? NaN : Number(p)));
  return parts.every((p) => Number.isInteger(p) && p <= 255) ? parts : null;
}

function parseIpv6(text: string): number[] | null {
  if (text.includes("%")) return null; // zone ids never come out of a URL; refuse to guess
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    head = text.slice(0, lastColon + 1) + "0:0"; // placeholder groups, replaced below
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Parses a canonical IPv4 or IPv6 address (brackets allowed around IPv6); null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  const t = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v4 = parseIpv4(t);
  if (v4) return { version: 4, bytes: v4 };
  if (!t.includes(":")) return null;
  const v6 = parseIpv6(t);
  return v6 ? { version: 6, bytes: v6 } : null;
}

/** Parses "10.0.0.0/8", "fd00::/8" or a single address (a /32 or /128); null when invalid. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, ...rest] = text.trim().split("/");
  if (rest.length) return null;
  const base = parseIp(addr);
  if (!base) return null;
  const max = base.version === 4 ? 32 : 128;
  if (len === undefined) return { base, bits: max };
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) return null;
  return { base, bits: Number(len) };
}

function prefixMatches(bytes: number[], base: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> i % 8;
    if ((bytes[i >> 3] & mask) !== (base[i >> 3] & mask)) return false;
  }
  return true;
}

const zeros = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms
 * that reach that IPv4 host: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d),
 * translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:AABB:CCDD::).
 */
export function embeddedIpv4(ip: IpAddress): number[] | null {
  if (ip.version === 4) return ip.bytes;
  const b = ip.bytes;
  const last4 = b.slice(12, 16);
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return last4; // ::ffff:0:0/96
  if (zeros(b, 0, 12) && !zeros(b, 12, 15)) return last4; // ::/96 (but not :: or ::1)
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(b, 10, 12)) return last4; // ::ffff:0:0:0/96
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(b, 4, 12)) return last4; // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6); // 2002::/16
  return null;
}

/** Whether an address lies in a range; an IPv4 range also covers the IPv6 forms of its addresses. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.base.version === 4) {
    const v4 = embeddedIpv4(ip);
    return v4 !== null && prefixMatches(v4, cidr.base.bytes, cidr.bits);
  }
  return ip.version === 6 && prefixMatches(ip.bytes, cidr.base.bytes, cidr.bits);
}

const range = (text: string, label: string) => ({ cidr: parseCidr(text)!, text, label });

// IANA's special-purpose registries (RFC 6890 and successors): nothing here
// is a public internet host a webhook, tracker or Prometheus should live on.
const INTERNAL_V4 = [
  range("0.0.0.0/8", "this network"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "carrier-grade NAT"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local, cloud metadata"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "IETF protocol assignments"),
  range("192.0.2.0/24", "documentation"),
  range("192.88.99.0/24", "6to4 relay"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "benchmarking"),
  range("198.51.100.0/24", "documentation"),
  range("203.0.113.0/24", "documentation"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved, broadcast"),
];
const INTERNAL_V6 = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("64:ff9b:1::/48", "local NAT64"),
  range("100::/64", "discard"),
  range("2001::/23", "IETF protocol assignments, Teredo"),
  range("2001:db8::/32", "documentation"),
  range("3fff::/20", "documentation"),
  range("5f00::/16", "segment routing"),
  range("fc00::/7", "unique local"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "site-local"),
  range("ff00::/8", "multicast"),
];
const GLOBAL_UNICAST_V6 = parseCidr("2000::/3")!;

/**
 * The internal range an address belongs to, as "127.0.0.0/8 loopback", or
 * null for a public address. IPv6 forms of IPv4 addresses are judged by the
 * IPv4 address; IPv6 outside 2000::/3 (global unicast) is internal.
 */
export function internalRangeOf(ip: IpAddress): string | null {
  const v4 = embeddedIpv4(ip);
  if (v4) {
    const hit = INTERNAL_V4.find((r) => prefixMatches(v4, r.cidr.base.bytes, r.cidr.bits));
    return hit ? `${hit.text} ${hit.label}` : null;
  }
  const hit = INTERNAL_V6.find((r) => cidrContains(r.cidr, ip));
  if (hit) return `${hit.text} ${hit.label}`;
  return cidrContains(GLOBAL_UNICAST_V6, ip) ? null : "outside 2000::/3, not global unicast";
}
