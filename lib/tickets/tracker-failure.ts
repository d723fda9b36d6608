import { outboundErrorOf } from "@/lib/outbound/outbound-error";
import type { TrackerKind } from "./schemas";

/** refused: the outbound guard would not call the address (internal, plain http, or a redirect). */
export const TRACKER_FAILURE_CODES = ["unauthorized", "forbidden", "rate-limited", "not-found", "rejected", "refused", "unavailable", "unreachable", "busy"] as const;
export type TrackerFailureCode = (typeof TRACKER_FAILURE_CODES)[number];

/** Why one call to a tracker failed, as data: stored on the follow-up and shown beside it. */
export interface TrackerFailure {
  code: TrackerFailureCode;
  message: string;
  /** Seconds the tracker asked us to wait, when it said. */
  retryAfterSec?: number;
}

export const TRACKER_NAMES: Record<TrackerKind, string> = { builtin: "Firedrill", github: "GitHub", gitlab: "GitLab", jira: "Jira" };

type Headers = Record<string, unknown> | { get(name: string): string | null } | undefined;

function header(h: Headers, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === "function") return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, unknown>)[name] ?? (h as Record<string, unknown>)[name.toLowerCase()];
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * The HTTP response behind a client library's error, whichever library threw
 * it: Octokit's RequestError (error.response), jira.js's HttpException
 * (error.cause.response, axios) and gitbeaker's GitbeakerRequestError
 * (error.cause.response, fetch). None means the request never got an answer.
 */
function responseOf(error: unknown): { status: number; headers: Headers; body: unknown } | null {
  const e = error as { response?: { status?: unknown; headers?: Headers; data?: unknown }; cause?: { response?: { status?: unknown; headers?: Headers; data?: unknown } } } | null;
  for (const r of [e?.cause?.response, e?.response]) {
    if (r && typeof r.status === "number" && r.status > 0) return { status: r.status, headers: r.headers, body: r.data };
  }
  return null;
}

/**
 * Turns whatever a tracker client threw into a failure code and a message
 * for people, from the HTTP status and headers (never from message text).
 */
export function classifyTrackerFailure(kind: TrackerKind, error: unknown): TrackerFailure {
  const name = TRACKER_NAMES[kind];
  // The guard's reason first: no answer was read, and its message is safe to show.
  const outbound = outboundErrorOf(error);
  if (outbound) {
    switch (outbound.reason) {
      case "refused":
      case "redirect":
        return { code: "refused", message: `${name} was not called: ${outbound.message}. Check the API address in Settings → Trackers.` };
      case "too-large":
        return { code: "unavailable", message: `${name} sent an answer larger than Firedrill accepts; it was cut off. Nothing was lost: retry later.` };
      case "timeout":
        return { code: "unreachable", message: `${name} did not answer within the time limit. Nothing was lost: retry when it is back.` };
      case "unreachable":
      case "aborted":
        break;
    }
  }
  const res = responseOf(error);
  if (!res) {
    return { code: "unreachable", message: `${name} could not be reached (no answer within the time limit, or the connection was refused). Nothing was lost: retry when it is back.` };
  }
  const retryAfter = Number(header(res.headers, "retry-after"));
  const remaining = header(res.headers, "x-ratelimit-remaining");
  const reset = Number(header(res.headers, "x-ratelimit-reset"));
  const retryAfterSec = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : remaining === "0" && Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - Date.now() / 1000)) : undefined;
  if (res.status === 429 || (res.status === 403 && (remaining === "0" || retryAfterSec !== undefined))) {
    return { code: "rate-limited", retryAfterSec, message: `${name} is rate-limiting requests${retryAfterSec ? `; it asks to wait ${retryAfterSec} s` : ""}. Nothing was lost: retry later.` };
  }
  if (res.status === 401) return { code: "unauthorized", message: `${name} rejected the token (401). An admin can replace it in Settings → Trackers; then retry.` };
  if (res.status === 403) return { code: "forbidden", message: `${name} refused: the token may not create or read issues in this project (403).` };
  if (res.status === 404) return { code: "not-found", message: `${name} does not know this project or ticket, or the token cannot see it (404). Check the project in Settings → Trackers.` };
  if (res.status === 400 || res.status === 409 || res.status === 410 || res.status === 422) {
    return { code: "rejected", message: `${name} refused the ticket (${res.status}). Check the tracker settings (project, labels, issue type).` };
  }
  return { code: "unavailable", message: `${name} answered with an error (${res.status}). Nothing was lost: retry later.` };
}
