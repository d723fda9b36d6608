import { z } from "zod";

/**
 * The run status machine: draft → preflight → running → stopping →
 * completed | aborted | failed. Pure (the browser shows the labels); the
 * lifecycle that moves runs through it is lib/runs/lifecycle.
 */
export const RUN_STATUSES = ["draft", "preflight", "running", "stopping", "completed", "aborted", "failed"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Something is (or may be) injected: the big Stop button is live. */
export const LIVE_STATUSES = ["preflight", "running", "stopping"] as const satisfies readonly RunStatus[];
/** Not ended yet: the run holds its experiment (one open run per experiment) and its targets. */
export const OPEN_STATUSES = ["draft", "preflight", "running", "stopping"] as const satisfies readonly RunStatus[];
/** Ended: nothing can change the status any more (leftover reverts are still retried). */
export const TERMINAL_STATUSES = ["completed", "aborted", "failed"] as const satisfies readonly RunStatus[];

const TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  draft: ["preflight", "aborted"],
  preflight: ["running", "failed", "aborted"],
  running: ["stopping", "failed"],
  stopping: ["completed", "aborted", "failed"],
  completed: [],
  aborted: [],
  failed: [],
};

/** True when a run may go from `from` to `to`. */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True when the run is over and nothing can change its status any more. */
export function isTerminal(status: RunStatus): boolean {
  return (TERMINAL_STATUSES as readonly RunStatus[]).includes(status);
}

/** True while something is (or may be) injected: the big Stop button is live. */
export function isLive(status: RunStatus): boolean {
  return (LIVE_STATUSES as readonly RunStatus[]).includes(status);
}

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  draft: "Draft",
  preflight: "Preflight",
  running: "Running",
  stopping: "Stopping",
  completed: "Completed",
  aborted: "Aborted",
  failed: "Failed",
};

/** Kinds of timeline events. */
export const RUN_EVENT_TYPES = ["status", "preflight", "inject", "confirm", "revert", "observation", "stop", "abort", "error"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];
