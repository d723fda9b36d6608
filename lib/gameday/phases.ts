import { z } from "zod";

/** The GameDay loop, in order. The phase is where the room is; every page stays reachable. */
export const PHASES = ["gather", "brainstorm", "estimate", "experiments", "run", "measure", "follow-up", "report"] as const;
export const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

export const PHASE_INFO: Record<Phase, { label: string; path: string; summary: string }> = {
  gather: { label: "Gather", path: "", summary: "Goals, system under test, participants." },
  brainstorm: { label: "Brainstorm", path: "/board", summary: "How could the system fail? One card per failure mode; vote." },
  estimate: { label: "Estimate", path: "/estimates", summary: "For each failure mode: hypothesis, severity, detection, recovery." },
  experiments: { label: "Experiments", path: "/experiments", summary: "Turn failure modes into planned, controlled experiments." },
  run: { label: "Run", path: "/runs", summary: "Inject together, watch, stop at any time." },
  measure: { label: "Measure", path: "/results", summary: "What really happened, beside the estimate." },
  "follow-up": { label: "Follow-ups", path: "/follow-ups", summary: "A ticket for every flaw found." },
  report: { label: "Report", path: "/report", summary: "The postmortem that stands on its own." },
};

/** The phase after `phase`, or null at the end of the loop. */
export function nextPhase(phase: Phase): Phase | null {
  const i = PHASES.indexOf(phase);
  return i < PHASES.length - 1 ? PHASES[i + 1] : null;
}

/** The phase before `phase`, or null at the start. */
export function previousPhase(phase: Phase): Phase | null {
  const i = PHASES.indexOf(phase);
  return i > 0 ? PHASES[i - 1] : null;
}

/**
 * A facilitator moves the room one step at a time (forward or back), so the
 * shared screen never skips a step silently.
 */
export function canMoveToPhase(from: Phase, to: Phase): boolean {
  return Math.abs(PHASES.indexOf(from) - PHASES.indexOf(to)) === 1;
}

/** "done" | "current" | "upcoming" for a stepper. */
export function phaseState(current: Phase, phase: Phase): "done" | "current" | "upcoming" {
  const d = PHASES.indexOf(phase) - PHASES.indexOf(current);
  return d < 0 ? "done" : d === 0 ? "current" : "upcoming";
}
