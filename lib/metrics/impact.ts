import { formatValue, isGood, meanBetween, samplesBetween, type Point, type ProbeRole, type ProbeSpec } from "./series";

/** The moments of a run the impact is measured against (unix seconds). */
export interface RunWindow {
  /** The first injection (or the start of the run). */
  injectedAt: number;
  /** When the faults were reverted (the run's end; "now" while it is live). */
  revertedAt: number;
  /** Baseline: the seconds before injection that count as "before". */
  baselineSec: number;
  /** The seconds after revert that count as "after". */
  afterSec: number;
}

export interface ProbeImpact {
  name: string;
  role: ProbeRole;
  baseline: number | null;
  during: number | null;
  after: number | null;
  /** The sample farthest from the baseline from injection to the end of the after window. */
  peak: { at: number; value: number; deviation: number; deviationPct: number | null } | null;
  /** First sample outside the threshold at or after injection. */
  firstBreachAt: number | null;
  timeToDetectSec: number | null;
  /** First sample back within the threshold after the last breach (null: breached and not back yet). */
  recoveredAt: number | null;
  /** From the first breach until back within the threshold (and staying there). */
  timeToRecoverSec: number | null;
  breached: boolean;
  /** No breach while the fault was on (injection → revert). */
  held: boolean;
}

/**
 * Measured impact of a run on one probe, computed from its series.
 *
 * - baseline / during / after: mean over the window before injection, between
 *   injection and revert, and after revert.
 * - time to detect: first breach at or after injection, minus injection.
 * - time to recover: from the first breach until the first good sample after
 *   the last bad one (the length of the impact); null when it never came back
 *   within the observed series.
 * - held: no breach while the fault was on.
 */
export function measureProbe(points: Point[], probe: ProbeSpec, role: ProbeRole, w: RunWindow): ProbeImpact {
  const end = w.revertedAt + w.afterSec;
  const baseline = meanBetween(points, w.injectedAt - w.baselineSec, w.injectedAt - 1e-9);
  const during = meanBetween(points, w.injectedAt, w.revertedAt);
  const after = meanBetween(points, w.revertedAt + 1e-9, end);
  const observed = samplesBetween(points, w.injectedAt, end);
  const bad = observed.filter(([, v]) => !isGood(v, probe, role));
  const firstBreachAt = bad.length ? bad[0][0] : null;
  const lastBad = bad.length ? bad[bad.length - 1][0] : null;
  const recoveredAt = lastBad === null ? null : (observed.find(([t]) => t > lastBad)?.[0] ?? null);
  let peak: ProbeImpact["peak"] = null;
  for (const [t, v] of observed) {
    const reference = baseline ?? probe.threshold;
    const deviation = v - reference;
    if (!peak || Math.abs(deviation) > Math.abs(peak.deviation)) peak = { at: t, value: v, deviation, deviationPct: baseline ? (deviation / Math.abs(baseline)) * 100 : null };
  }
  return {
    name: probe.name,
    role,
    baseline,
    during,
    after,
    peak,
    firstBreachAt,
    timeToDetectSec: firstBreachAt === null ? null : firstBreachAt - w.injectedAt,
    recoveredAt,
    timeToRecoverSec: firstBreachAt !== null && recoveredAt !== null ? recoveredAt - firstBreachAt : null,
    breached: bad.length > 0,
    held: !bad.some(([t]) => t <= w.revertedAt),
  };
}

/** The hypothesis held when no steady-state probe breached and no abort condition tripped while the fault was on. */
export function hypothesisHeld(impacts: ProbeImpact[]): boolean | null {
  if (impacts.length === 0) return null;
  return impacts.every((i) => i.held);
}

/** "0.43 (+0.42, +4200%)": a peak for people. */
export function describePeak(p: ProbeImpact["peak"]): string {
  if (!p) return "no data";
  const sign = p.deviation >= 0 ? "+" : "−";
  const pct = p.deviationPct === null ? "" : `, ${sign}${formatValue(Math.abs(p.deviationPct))}%`;
  return `${formatValue(p.value)} (${sign}${formatValue(Math.abs(p.deviation))}${pct})`;
}
