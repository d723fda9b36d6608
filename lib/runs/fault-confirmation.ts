/**
 * What a run's faults did, per target, as the cluster confirmed it
 * (lib/runs/engine/confirm-faults.ts writes it on the ledger). Pure, so the
 * run page, the presenter, the measured impact and the report all judge a
 * run the same way.
 */
export type EffectState = "checking" | "confirmed" | "failed" | "unconfirmed";

export interface ConfirmationSummary {
  /** none: no cluster fault was applied (a people run, or nothing applied yet). */
  state: "none" | "checking" | "confirmed" | "partial" | "not-in-effect";
  total: number;
  confirmed: number;
  failed: number;
  unconfirmed: number;
  checking: number;
  /** Set when the run cannot conclude anything about its hypothesis: a step whose fault never took effect anywhere. */
  inconclusive: string | null;
}

export const INCONCLUSIVE = "Inconclusive: the fault did not take effect";

/** Summarises the effect of every ledger entry of a run; `steps` names the steps for the message. */
export function summariseConfirmation(entries: { stepIndex: number; effect: string | null }[], steps: string[] = []): ConfirmationSummary {
  const applied = entries.filter((e) => e.effect !== null);
  const count = (s: EffectState) => applied.filter((e) => e.effect === s).length;
  const summary = { total: applied.length, confirmed: count("confirmed"), failed: count("failed"), unconfirmed: count("unconfirmed"), checking: count("checking") };
  if (applied.length === 0) return { ...summary, state: "none", inconclusive: null };
  // A step none of whose targets took effect (and none still being checked) tested nothing.
  const byStep = new Map<number, string[]>();
  for (const e of applied) byStep.set(e.stepIndex, [...(byStep.get(e.stepIndex) ?? []), e.effect!]);
  const dead = [...byStep.entries()].filter(([, s]) => !s.includes("confirmed") && !s.includes("checking")).map(([i]) => i).sort((a, b) => a - b);
  const inconclusive = dead.length === 0 ? null : byStep.size === 1 ? `${INCONCLUSIVE}.` : `${INCONCLUSIVE} in ${dead.map((i) => steps[i] ?? `step ${i + 1}`).join(", ")}.`;
  const state = summary.checking > 0 && summary.confirmed === 0 && dead.length === 0 ? "checking" : dead.length === byStep.size ? "not-in-effect" : summary.confirmed === summary.total ? "confirmed" : summary.checking > 0 && dead.length === 0 ? "checking" : "partial";
  return { ...summary, state, inconclusive };
}
