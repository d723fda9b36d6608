import { z } from "zod";

/** The run status machine. Terminal: completed, aborted, failed. */
export const RUN_STATUSES = ["draft", "preflight", "running", "stopping", "completed", "aborted", "failed"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

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
  return TRANSITIONS[status].length === 0;
}

/** True while something is (or may be) injected: the big Stop button is live. */
export function isLive(status: RunStatus): boolean {
  return status === "preflight" || status === "running" || status === "stopping";
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
export const RUN_EVENT_TYPES = ["status", "preflight", "inject", "revert", "observation", "stop", "abort", "error"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];
