/**
 * The address of the client behind a request, for rate limits and the audit
 * log. Next's server keeps a client-sent X-Forwarded-For as is, so the
 * header alone can be forged: instrumentation.ts stamps every request with
 * the socket's own peer address (`x-firedrill-peer`, overwriting whatever the
 * client sent under that name). Behind reverse proxies the operator sets
 * FIREDRILL_TRUSTED_PROXY_HOPS to their count, and the address is the entry
 * that many hops from the right of X-Forwarded-For (the one the outermost
 * trusted proxy saw).
 */
export function clientAddress(headers: { get(name: string): string | null }, env: Record<string, string | undefined> = process.env): string {
  const peer = headers.get("x-firedrill-peer")?.trim() || "unknown";
  const hops = Number(env.FIREDRILL_TRUSTED_PROXY_HOPS ?? 0);
  if (!Number.isInteger(hops) || hops <= 0) return peer;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}
