import "server-only";
import { perProcess } from "@/lib/runtime/per-process";
import type { ProbedExperiment } from "@/lib/metrics/probe-series";
import { checkSteadyStateNow, type PreflightSample } from "@/lib/metrics/check-steady-state";
import { checkAbortConditionsNow } from "@/lib/metrics/check-abort-conditions";
import { snapshotEndedRun } from "@/lib/metrics/snapshot-run";
import { addRunEvent, SYSTEM } from "../lifecycle/timeline";

/**
 * The seams between the run engine and lib/metrics. The engine calls these
 * at fixed points; the metrics logic lives in lib/metrics.
 */

export interface SteadyStateResult {
  /** False refuses the start (unless a facilitator overrides, recorded in the audit log). */
  holds: boolean;
  /** One line per probe, for the timeline ("Error ratio = 0.2% < 1% over 30 s"). */
  lines: string[];
  /** The requests HTTP probes made in preflight: stored with the run as its baseline. */
  samples: PreflightSample[];
}

/** Preflight: does the steady state hold before anything is injected? Called for every run. */
export async function checkSteadyState(experiment: ProbedExperiment): Promise<SteadyStateResult> {
  return checkSteadyStateNow(experiment);
}

export interface AbortVerdict {
  /** The condition that tripped and the value seen, for the timeline; null when all is well. */
  tripped: string | null;
}

// Per live run: whether the last check could see Prometheus, so the timeline
// notes losing and regaining sight once rather than every second.
const blind = perProcess("abort-check-blind", () => new Map<string, boolean>());

/** During a run: has an abort condition tripped? Called by the engine loop about once a second per live run. */
export async function checkAbortConditions(runId: string, experiment: ProbedExperiment): Promise<AbortVerdict> {
  const check = await checkAbortConditionsNow(experiment, Date.now() / 1000, runId);
  const wasBlind = blind.get(runId) ?? false;
  if (check.state === "blind" && !wasBlind) {
    blind.set(runId, true);
    await addRunEvent(runId, "error", `Abort conditions cannot be checked: ${check.reason}. The run goes on to its end; Stop still works.`, SYSTEM);
  } else if (check.state !== "blind" && wasBlind) {
    blind.set(runId, false);
    await addRunEvent(runId, "status", "Prometheus answers again: abort conditions are checked again", SYSTEM);
  }
  if (check.state === "tripped") return { tripped: check.line };
  return { tripped: null };
}

/** When a run has ended (any outcome): snapshot its series so reports outlive Prometheus retention. */
export async function onRunEnded(runId: string): Promise<void> {
  blind.delete(runId);
  await snapshotEndedRun(runId);
}
