import type { GuessValues } from "./guess-schema";

/**
 * Times under this many minutes count as this many when two times are
 * divided: a guess of 0 or a measurement of 0 (detected at once) still has an
 * error, and one second against two seconds is not called "2x wrong".
 */
export const RATIO_FLOOR_MIN = 1 / 6;

/** What a run really did, as guesses are compared with it (null: not measured). */
export interface Measurement {
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  paged: boolean | null;
  /** Where the figures come from: the room's recorded measured impact, the team's alerting, or nothing yet. */
  source: "recorded" | "alerts" | "none";
}

export type TimeMetric = "timeToDetectMin" | "timeToRecoverMin";
export const TIME_METRICS: readonly TimeMetric[] = ["timeToDetectMin", "timeToRecoverMin"];
export const METRIC_LABELS: Record<TimeMetric | "willPage", string> = { timeToDetectMin: "time to detect", timeToRecoverMin: "time to recover", willPage: "will it page" };

/**
 * guess ÷ measured, both floored at RATIO_FLOOR_MIN: below 1 the guess was
 * shorter than reality (optimistic), above 1 longer (pessimistic). Null when
 * either side is missing.
 */
export function timeRatio(guessMin: number | null, measuredMin: number | null): number | null {
  if (guessMin === null || measuredMin === null || !Number.isFinite(guessMin) || !Number.isFinite(measuredMin)) return null;
  return Math.max(guessMin, RATIO_FLOOR_MIN) / Math.max(measuredMin, RATIO_FLOOR_MIN);
}

/** Within 10% either way a guess is "about right": nobody learns from 1.04x. */
const ABOUT_RIGHT = 1.1;

const times = (x: number) => `${x >= 10 ? Math.round(x) : Math.round(x * 10) / 10}x`;

/**
 * A ratio in words, for times where shorter is the hopeful side:
 * 0.43 → "2.3x too optimistic", 2.3 → "2.3x too pessimistic".
 */
export function describeRatio(ratio: number | null): { text: string; direction: "optimistic" | "pessimistic" | "about-right" | "unknown"; factor: number | null } {
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) return { text: "not measured", direction: "unknown", factor: null };
  if (ratio < 1 / ABOUT_RIGHT) return { text: `${times(1 / ratio)} too optimistic`, direction: "optimistic", factor: 1 / ratio };
  if (ratio > ABOUT_RIGHT) return { text: `${times(ratio)} too pessimistic`, direction: "pessimistic", factor: ratio };
  return { text: "about right", direction: "about-right", factor: 1 };
}

/** One guess against the measurement: each time's ratio and words, and whether "will it page" was right. */
export interface GuessError {
  timeToDetect: { ratio: number | null; text: string; direction: string };
  timeToRecover: { ratio: number | null; text: string; direction: string };
  /** null: not guessed or not measured. */
  pageRight: boolean | null;
}

/** Compares one guess with the measurement. */
export function guessError(guess: GuessValues, m: Measurement): GuessError {
  const one = (metric: TimeMetric) => {
    const ratio = timeRatio(guess[metric], m[metric]);
    const d = describeRatio(ratio);
    return { ratio, text: guess[metric] === null ? "no guess" : d.text, direction: d.direction };
  };
  return {
    timeToDetect: one("timeToDetectMin"),
    timeToRecover: one("timeToRecoverMin"),
    pageRight: guess.willPage === null || m.paged === null ? null : guess.willPage === m.paged,
  };
}

/** The typical error of many ratios: their geometric mean (a 2x and a 0.5x cancel out, as they should). */
export function geometricMean(ratios: readonly number[]): number | null {
  const ok = ratios.filter((r) => Number.isFinite(r) && r > 0);
  if (ok.length === 0) return null;
  return Math.exp(ok.reduce((s, r) => s + Math.log(r), 0) / ok.length);
}
