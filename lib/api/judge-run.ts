import type { FaultResult, ProbeResult, Verdict } from "./schemas";

/** What the verdict of a run is computed from (plain data, no database). */
export interface RunFacts {
  status: string;
  terminal: boolean;
  /** The last stop, abort or error message of the timeline. */
  endReason: string | null;
  probes: ProbeResult[];
  faults: FaultResult[];
}

/**
 * The verdict of a fault on one target, from the ledger state and (when the
 * installation confirms faults) whether the cluster showed it in effect.
 * A fault that never took effect makes a run inconclusive, never "held".
 */
export function judgeFault(state: string, confirmation: FaultResult["confirmation"], terminal: boolean): { verdict: FaultResult["verdict"]; detail: string } {
  if (state === "apply-failed") return { verdict: "inconclusive", detail: "The fault was not applied: the run measured nothing." };
  if (state === "failed") return { verdict: "failed", detail: "Revert failed: the fault may still be in effect." };
  if (confirmation?.state === "not-confirmed") return { verdict: "inconclusive", detail: `The cluster did not show the fault in effect: ${confirmation.reason}` };
  if (!terminal || state === "pending" || state === "applied" || state === "reverting") {
    return terminal ? { verdict: "failed", detail: `The run ended with the fault ${state}: not reverted yet.` } : { verdict: "pending", detail: `The fault is ${state}.` };
  }
  const confirmed = confirmation?.state === "confirmed" ? `confirmed in effect (${confirmation.reason}), ` : "";
  return { verdict: "passed", detail: state === "manual" ? "Run by the room." : `Applied, ${confirmed}then ${state}.` };
}

/**
 * A run's verdict for CI: pending until it ends; failed when it failed, was
 * aborted, a probe broke or a fault was left behind; inconclusive when a
 * fault did not take effect or a probe had no data; passed otherwise. The
 * JSON results and the JUnit file both come from this, so they cannot disagree.
 */
export function judgeRun(f: RunFacts): { verdict: Verdict; reasons: string[] } {
  if (!f.terminal) return { verdict: "pending", reasons: [`The run is ${f.status}.`] };
  const failed: string[] = [];
  const inconclusive: string[] = [];
  if (f.status === "failed") failed.push(`The run failed${f.endReason ? `: ${f.endReason}` : "."}`);
  if (f.status === "aborted") failed.push(`The run was aborted${f.endReason ? `: ${f.endReason}` : "."}`);
  for (const p of f.probes) {
    if (p.verdict === "failed") failed.push(`${p.role === "steadyState" ? "Steady state" : "Abort condition"} "${p.name}" broke: ${p.detail}`);
    if (p.verdict === "no-data") inconclusive.push(`"${p.name}" has no data: ${p.detail}`);
  }
  for (const x of f.faults) {
    if (x.verdict === "failed") failed.push(`${x.label} on ${x.target}: ${x.detail}`);
    if (x.verdict === "inconclusive") inconclusive.push(`${x.label} on ${x.target}: ${x.detail}`);
  }
  if (failed.length) return { verdict: "failed", reasons: [...failed, ...inconclusive] };
  if (inconclusive.length) return { verdict: "inconclusive", reasons: inconclusive };
  return { verdict: "passed", reasons: [f.probes.length ? "Every probe held while the faults were on." : "The run completed (the experiment has no probes)."] };
}
