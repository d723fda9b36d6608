import type { Probe } from "@/lib/experiments/schemas";

/** One sample: unix seconds and a value (null where Prometheus had no data). */
export type Point = [t: number, v: number | null];

/** Whether the probe is a steady-state probe (must stay true) or an abort condition (must stay false). */
export type ProbeRole = "steadyState" | "abortConditions";

export type ProbeSpec = Pick<Probe, "name" | "comparator" | "threshold" | "windowSec">;

/** The comparison of a probe: `value <comparator> threshold`. */
export function compare(value: number, comparator: Probe["comparator"], threshold: number): boolean {
  switch (comparator) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "==":
      return value === threshold;
  }
}

/**
 * Whether a sample is "good": a steady-state probe is good while its
 * comparison holds; an abort condition is good while its comparison does not.
 */
export function isGood(value: number, probe: ProbeSpec, role: ProbeRole): boolean {
  const holds = compare(value, probe.comparator, probe.threshold);
  return role === "steadyState" ? holds : !holds;
}

/** The non-null samples with from ≤ t ≤ to. */
export function samplesBetween(points: Point[], from: number, to: number): [number, number][] {
  return points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]) && p[0] >= from && p[0] <= to);
}

/** Mean of the non-null samples with from ≤ t ≤ to, or null when there are none. */
export function meanBetween(points: Point[], from: number, to: number): number | null {
  const s = samplesBetween(points, from, to);
  return s.length ? s.reduce((a, [, v]) => a + v, 0) / s.length : null;
}

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];

/**
 * A query_range step (seconds) that keeps a chart of `rangeSec` around
 * `targetPoints` points, never finer than `minStep` (the scrape interval).
 */
export function chooseStep(rangeSec: number, targetPoints = 300, minStep = 1): number {
  const raw = Math.max(minStep, rangeSec / targetPoints);
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw);
}

/** A value for people: up to 3 significant digits, no exponent for everyday magnitudes. */
export function formatValue(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "no data";
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs >= 1000) return v.toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (abs < 0.001) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** A query_range window on the step grid: from rounded down, to rounded down, so samples line up across polls. */
export function alignRange(from: number, to: number, step: number): { from: number; to: number } {
  const a = Math.floor(from / step) * step;
  return { from: a, to: Math.max(a, Math.floor(to / step) * step) };
}
