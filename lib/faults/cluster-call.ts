import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { withTimeout } from "@/lib/k8s/client";
import { clusterError, statusOf } from "@/lib/k8s/cluster-errors";

const TIMEOUT = 15_000;

/**
 * How a cluster call ended, seen from the request itself (not from the
 * timeout that raced it): answered (2xx, or a 4xx refusal: the API server
 * decided), or unknown (no answer, or a 5xx after which the write may still
 * commit).
 */
export type CallOutcome = "answered" | "unknown";

/** The cluster calls made inside `trackCalls`, including those still in flight after their timeout fired. */
export interface CallTracker {
  calls: Promise<CallOutcome>[];
}

const tracking = new AsyncLocalStorage<CallTracker>();

/**
 * Runs `work` and records every cluster call it makes. A call that timed out
 * is not cancelled (the API server may still carry it out); the tracker lets
 * the engine wait for its real end before it trusts a revert.
 */
export function trackCalls<T>(work: () => Promise<T>): { result: Promise<T>; tracker: CallTracker } {
  const tracker: CallTracker = { calls: [] };
  return { result: tracking.run(tracker, work), tracker };
}

function tracked<T>(call: () => Promise<T>): Promise<T> {
  const raw = call();
  tracking.getStore()?.calls.push(
    raw.then(
      () => "answered" as const,
      (e: unknown) => {
        const status = statusOf(e);
        return status !== undefined && status < 500 ? ("answered" as const) : ("unknown" as const);
      },
    ),
  );
  return raw;
}

/** A bounded cluster call whose failure becomes an AppError saying what was being done. */
export async function k8s<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(tracked(call), TIMEOUT, doing);
  } catch (error) {
    throw clusterError(error, doing);
  }
}

/** Like k8s(), but a 404 is an answer (null), not an error: reverts of vanished objects are done. */
export async function k8sOrGone<T>(doing: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await withTimeout(tracked(call), TIMEOUT, doing);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw clusterError(error, doing);
  }
}

export const DRY_RUN = "All";
