import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { parseIp } from "./ip-ranges";
import { OutboundError, type OutboundFailure } from "./outbound-error";
import { destinationRefusal, outboundPolicyFromEnv, type OutboundPolicy, type OutboundPurpose } from "./policy";

/** Resolves a host name to every address it has (dns.lookup with all: true by default). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** One outbound HTTP request and the limits it runs under. */
export interface OutboundRequest {
  /** Which caller this is: the allow list may hold entries for one caller only. */
  purpose: OutboundPurpose;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  /** Total deadline: DNS, connect, TLS, upload and the whole answer (not an idle timeout). */
  timeoutMs: number;
  /** The answer is cut off, and the call fails, past this many bytes. */
  maxBytes: number;
  tls?: { rejectUnauthorized?: boolean; ca?: string };
  signal?: AbortSignal;
  /** Tests: where names resolve to, and the allow list (default: the system resolver and FIREDRILL_OUTBOUND_ALLOW). */
  resolve?: Resolver;
  policy?: OutboundPolicy;
}

/** A complete answer with a status below 300 or of 400 and above (redirects are errors). */
export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const kib = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`);

function failure(reason: Exclude<OutboundFailure, "refused">, host: string, req: OutboundRequest, status?: number, cause?: unknown): OutboundError {
  const message: Record<typeof reason, string> = {
    redirect: `refused: ${host} answered with a redirect (HTTP ${status}); redirects are not followed`,
    timeout: `${host} timed out (no complete answer within ${req.timeoutMs / 1000} s)`,
    "too-large": `${host} sent more than ${kib(req.maxBytes)}; the answer was cut off`,
    unreachable: `${host} is unreachable`,
    aborted: `the call to ${host} was cancelled`,
  };
  return new OutboundError({ reason, host, message: message[reason], cause });
}

/**
 * A lookup for the socket that resolves the name, then keeps only the
 * addresses the policy allows: the address checked is the address connected
 * to, so a name that answers "public" to a first check and "127.0.0.1" to
 * the connection (DNS rebinding) is still refused.
 */
function guardedLookup(protocol: string, purpose: OutboundPurpose, policy: OutboundPolicy, resolve: Resolver, onRefused: (e: OutboundError) => void): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        let refusal: string | null = null;
        const allowed = found.filter((a) => {
          const why = destinationRefusal({ protocol, hostname, address: a.address }, purpose, policy);
          refusal ??= why;
          return !why && (family === 0 || a.family === family);
        });
        if (allowed.length === 0) {
          const e = new OutboundError({ reason: "refused", host: hostname, message: refusal ?? `refused: ${hostname} has no address` });
          onRefused(e);
          return callback(e, options.all ? [] : "", 0);
        }
        if (options.all) callback(null, allowed);
        else callback(null, allowed[0].address, allowed[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : "", 0),
    );
  };
}

/**
 * Sends one request to a URL outside Firedrill, under the outbound policy
 * (lib/outbound/policy.ts): https only unless the operator allows the
 * destination; no internal address unless allowed, checked on the resolved
 * address at connect time; no redirects (a 3xx is an error); a total deadline;
 * a cap on the answer's size. Resolves with any other answer (2xx, 4xx, 5xx);
 * rejects with an OutboundError whose message is safe to show.
 */
export function sendOutbound(target: string | URL, req: OutboundRequest): Promise<OutboundResponse> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const policy = req.policy ?? outboundPolicyFromEnv();
  const isLiteral = net.isIP(host) !== 0;
  // A literal address is connected to without a lookup: judge it now. One
  // Node would connect to but ip-ranges cannot read is refused, never passed.
  const early =
    isLiteral && !parseIp(host)
      ? `refused: ${host} is an address Firedrill cannot classify`
      : destinationRefusal({ protocol: url.protocol, hostname: host, ...(isLiteral ? { address: host } : {}) }, req.purpose, policy);
  // Before any lookup, a name is refused only when no address of it could pass
  // (http:// with nothing listed; localhost), so refusing early changes no outcome.
  if (early) return Promise.reject(new OutboundError({ reason: "refused", host, message: early }));

  return new Promise((resolve, reject) => {
    let done = false;
    let refused: OutboundError | null = null;
    const finish = (error: OutboundError | null, value?: OutboundResponse) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      req.signal?.removeEventListener("abort", onAbort);
      if (error) {
        reject(error);
        request.destroy();
      } else resolve(value!);
    };
    const deadline = setTimeout(() => finish(failure("timeout", host, req)), req.timeoutMs);
    const onAbort = () => finish(failure((req.signal?.reason as Error | undefined)?.name === "TimeoutError" ? "timeout" : "aborted", host, req));

    const lib = url.protocol === "https:" ? https : http;
    const auth = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
    const request = lib.request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: req.method ?? "GET",
      headers: req.headers,
      auth,
      // A fresh agent per request: no pooled socket from another destination,
      // and no proxy from the environment that would connect for us.
      agent: false,
      lookup: guardedLookup(url.protocol, req.purpose, policy, req.resolve ?? systemResolver, (e) => (refused = e)),
      ...(url.protocol === "https:" ? { rejectUnauthorized: req.tls?.rejectUnauthorized ?? true, ...(req.tls?.ca ? { ca: req.tls.ca } : {}) } : {}),
    });
    // The error listener before anything that may destroy the request: a
    // request destroyed with no listener (an already-aborted signal) throws
    // "socket hang up" as an uncaught exception and takes the server down.
    request.on("error", (e) => finish(refused ?? (e instanceof OutboundError ? e : failure("unreachable", host, req, undefined, e))));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener("abort", onAbort);

    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return finish(failure("redirect", host, req, status));
      if (status < 200 || status > 599) return finish(failure("unreachable", host, req));
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > req.maxBytes) return finish(failure("too-large", host, req));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > req.maxBytes) return finish(failure("too-large", host, req));
        chunks.push(c);
      });
      res.on("error", (e) => finish(failure("unreachable", host, req, undefined, e)));
      res.on("aborted", () => finish(failure("unreachable", host, req)));
      res.on("end", () => finish(null, { status, statusText: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks) }));
    });
    request.end(req.body ?? undefined);
  });
}
