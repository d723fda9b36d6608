import "server-only";
import { sendOutbound, type OutboundRequest } from "./guarded-request";

/** A `fetch` as client libraries call it (Octokit's `request.fetch`, gitbeaker's requester, axios' fetch adapter `env.fetch`). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

// Statuses whose Response must not carry a body (the Response constructor refuses one).
const NULL_BODY = new Set([204, 205, 304]);

/**
 * A fetch that goes through sendOutbound: the same policy, connect-time
 * address check, total deadline and size cap, and no redirects (a 3xx
 * rejects). Errors are OutboundErrors; libraries that wrap them keep them
 * as `cause` (see outboundErrorOf). The `redirect` option is ignored: a
 * redirect is never followed, whatever the caller asks.
 */
export function guardedFetch(limits: Omit<OutboundRequest, "method" | "headers" | "body" | "signal">): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const res = await sendOutbound(request.url, { ...limits, method: request.method, headers, body, signal: request.signal });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
    }
    return new Response(NULL_BODY.has(res.status) ? null : new Uint8Array(res.body), { status: res.status, statusText: res.statusText, headers: responseHeaders });
  };
}
