import "server-only";
import type { ExperimentView } from "@/lib/experiments/experiments";

/**
 * The seams between the run engine and the metrics issue. The engine calls
 * these at fixed points; their bodies belong to lib/metrics.
 */

export interface SteadyStateResult {
  /** False refuses the start (unless a facilitator overrides, recorded in the audit log). */
  holds: boolean;
  /** One line per probe, for the timeline ("Error ratio = 0.2% < 1% over 30 s"). */
  lines: string[];
}

/** Preflight: does the steady state hold before anything is injected? Called for every run. */
export async function checkSteadyState(experiment: ExperimentView): Promise<SteadyStateResult> {
  void experiment;
  return { holds: true, lines: [] };
}

export interface AbortVerdict {
  /** The condition that tripped and the value seen, for the timeline; null when all is well. */
  tripped: string | null;
}

/** During a run: has an abort condition tripped? Called by the engine loop about once a second per live run. */
export async function checkAbortConditions(runId: string, experiment: ExperimentView): Promise<AbortVerdict> {
  void runId;
  void experiment;
  return { tripped: null };
}

/** When a run has ended (any outcome): snapshot its series so reports outlive Prometheus retention. */
export async function onRunEnded(runId: string): Promise<void> {
  void runId;
}
