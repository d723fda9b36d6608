import { z } from "zod";

/** Severity on a fixed five-point scale, shared by estimates and measurements. */
export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export const SEVERITY_LABELS: Record<number, string> = {
  1: "1 · None — no visible effect",
  2: "2 · Minor — degraded, within SLO",
  3: "3 · Moderate — SLO at risk",
  4: "4 · Major — SLO breached, users affected",
  5: "5 · Critical — outage",
};
export const severitySchema = z.coerce
  .number({ error: "Pick a severity from 1 to 5." })
  .int("Pick a severity from 1 to 5.")
  .min(1, "Pick a severity from 1 to 5.")
  .max(5, "Pick a severity from 1 to 5.");

export const USER_IMPACTS = ["none", "degraded", "partial-outage", "full-outage"] as const;
export const userImpactSchema = z.enum(USER_IMPACTS, { error: "Pick the user impact." });
export type UserImpact = z.infer<typeof userImpactSchema>;
export const USER_IMPACT_LABELS: Record<UserImpact, string> = {
  none: "None",
  degraded: "Degraded (slower, some errors)",
  "partial-outage": "Partial outage",
  "full-outage": "Full outage",
};

export interface MtbfLikelihood {
  /** Expected failures per day across the fleet: N × 1 / MTBF-days. */
  failuresPerDay: number;
  /** Expected days between two failures somewhere in the fleet. */
  daysBetweenFailures: number;
  /** Probability that at least one machine fails within `windowDays` (Poisson). */
  probabilityWithinWindow: number;
  windowDays: number;
}

/**
 * Likelihood of a machine failure from fleet size and MTBF, as in the GameDay
 * literature: N machines each failing once every MTBF days on average means
 * N / MTBF failures per day somewhere in the fleet.
 */
export function mtbfLikelihood(fleetSize: number, mtbfDays: number, windowDays = 30): MtbfLikelihood {
  if (!(fleetSize > 0) || !(mtbfDays > 0)) throw new RangeError("fleet size and MTBF must be positive");
  const failuresPerDay = fleetSize / mtbfDays;
  return {
    failuresPerDay,
    daysBetweenFailures: 1 / failuresPerDay,
    probabilityWithinWindow: 1 - Math.exp(-failuresPerDay * windowDays),
    windowDays,
  };
}

/** A human sentence for the likelihood: "about 3.3 failures a day" / "about one every 12 days". */
export function describeLikelihood(l: MtbfLikelihood): string {
  if (l.failuresPerDay >= 1) return `about ${round(l.failuresPerDay)} failures a day across the fleet`;
  return `about one failure every ${round(l.daysBetweenFailures)} days across the fleet (${Math.round(
    l.probabilityWithinWindow * 100,
  )}% chance within ${l.windowDays} days)`;
}

function round(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, "");
}

export interface ImpactFigures {
  severity: number;
  userImpact: UserImpact;
  alert: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
}

export type Verdict = "as-expected" | "better" | "worse" | "unknown";

export interface ImpactDifference {
  field: "severity" | "userImpact" | "alert" | "timeToDetectMin" | "timeToRecoverMin";
  label: string;
  expected: string;
  measured: string;
  verdict: Verdict;
  /** e.g. "+2 levels", "+8 min", "did not fire" */
  delta: string;
}

/**
 * Compares an estimate with what was measured, field by field, saying for
 * each whether reality was better, worse or as expected. Lower severity,
 * impact, detection and recovery times are better; an alert that was expected
 * and did not fire is worse.
 */
export function compareImpact(expected: ImpactFigures, measured: ImpactFigures): ImpactDifference[] {
  const impactRank = (u: UserImpact) => USER_IMPACTS.indexOf(u);
  const lowerIsBetter = (e: number, m: number): Verdict => (m === e ? "as-expected" : m < e ? "better" : "worse");
  const minutes = (n: number | null) => (n === null ? "—" : `${n} min`);
  const minuteDiff = (field: "timeToDetectMin" | "timeToRecoverMin", label: string): ImpactDifference => {
    const e = expected[field];
    const m = measured[field];
    const known = e !== null && m !== null;
    return {
      field,
      label,
      expected: minutes(e),
      measured: minutes(m),
      verdict: known ? lowerIsBetter(e, m) : "unknown",
      delta: known ? signed(m - e, "min") : "—",
    };
  };
  return [
    {
      field: "severity",
      label: "Severity",
      expected: String(expected.severity),
      measured: String(measured.severity),
      verdict: lowerIsBetter(expected.severity, measured.severity),
      delta: signed(measured.severity - expected.severity, "level"),
    },
    {
      field: "userImpact",
      label: "User impact",
      expected: USER_IMPACT_LABELS[expected.userImpact],
      measured: USER_IMPACT_LABELS[measured.userImpact],
      verdict: lowerIsBetter(impactRank(expected.userImpact), impactRank(measured.userImpact)),
      delta: signed(impactRank(measured.userImpact) - impactRank(expected.userImpact), "step"),
    },
    {
      field: "alert",
      label: "Alert",
      expected: expected.alert ? "fires" : "does not fire",
      measured: measured.alert ? "fired" : "did not fire",
      verdict: expected.alert === measured.alert ? "as-expected" : measured.alert ? "better" : "worse",
      delta: expected.alert === measured.alert ? "as expected" : measured.alert ? "fired unexpectedly" : "did not fire",
    },
    minuteDiff("timeToDetectMin", "Time to detect"),
    minuteDiff("timeToRecoverMin", "Time to recover"),
  ];
}

function signed(n: number, unit: string): string {
  if (n === 0) return "±0";
  const plural = Math.abs(n) === 1 || unit === "min" ? unit : `${unit}s`;
  return `${n > 0 ? "+" : "−"}${Math.abs(n)} ${plural}`;
}
