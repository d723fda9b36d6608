import "server-only";
import { guardedFetch, type FetchLike } from "@/lib/outbound/guarded-fetch";
import type { OutboundRequest } from "@/lib/outbound/guarded-request";

/** How long one call to a tracker may take before it counts as unreachable (a total deadline, not an idle timeout). */
export const TRACKER_TIMEOUT_MS = 15_000;

/** The largest answer read from a tracker (a page of 100 issues with long bodies fits). */
export const TRACKER_MAX_BYTES = 8 * 1024 * 1024;

/** Client libraries' own logging off: failures are reported per ticket instead. */
export const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Tests: where names resolve and which destinations are allowed (default: the system resolver and FIREDRILL_OUTBOUND_ALLOW). */
export type TrackerNetwork = Pick<OutboundRequest, "resolve" | "policy">;

/**
 * The fetch every tracker client library is given: the outbound guard
 * (lib/outbound), so the token only travels over https to an address the
 * policy allows, checked at connect time, with no redirect followed.
 */
export function trackerFetch(network: TrackerNetwork = {}): FetchLike {
  return guardedFetch({ ...network, purpose: "trackers", timeoutMs: TRACKER_TIMEOUT_MS, maxBytes: TRACKER_MAX_BYTES });
}
