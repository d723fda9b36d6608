/**
 * Every way a run ends, in one place: who or what ends it, the status it ends
 * in when every fault is reverted, and the timeline line that says why.
 * (A run whose reverts still fail ends "failed" whatever its cause, and its
 * reverts keep being retried.)
 */
export const END_CAUSES = {
  /** A facilitator pressed Stop: the experiment is over. */
  stopped: { outcome: "completed", event: "stop", reason: "Stopped" },
  /** A facilitator pressed Abort. */
  aborted: { outcome: "aborted", event: "abort", reason: "Aborted" },
  /** "Stop everything" for a GameDay or a cluster. */
  "stop-everything": { outcome: "aborted", event: "abort", reason: "Stop everything" },
  /** The duration elapsed (the engine, at the deadline). */
  "duration-elapsed": { outcome: "completed", event: "stop", reason: "Duration elapsed: the experiment ended by itself and its faults were reverted" },
  /** An abort condition was true for its whole window (the engine). */
  "abort-condition": { outcome: "aborted", event: "abort", reason: "Abort condition tripped" },
  /** The first injection failed: what was applied is reverted. */
  "injection-failed": { outcome: "failed", event: "abort", reason: "Injection failed, everything applied so far is being reverted" },
  /** A repeat round failed to apply. */
  "round-failed": { outcome: "failed", event: "abort", reason: "A repeat round failed" },
  /** The process driving a cluster run died; another one took it over. */
  recovered: { outcome: "aborted", event: "abort", reason: "Recovered after the driving process stopped" },
} as const satisfies Record<string, { outcome: "completed" | "aborted" | "failed"; event: "stop" | "abort"; reason: string }>;

export type EndCause = keyof typeof END_CAUSES;

const isEndCause = (v: string | null): v is EndCause => v !== null && Object.hasOwn(END_CAUSES, v);

/** Reads a stored cause (a run from before the column has none: treated as recovered). */
export function endCauseOf(value: string | null): EndCause {
  return isEndCause(value) ? value : "recovered";
}
