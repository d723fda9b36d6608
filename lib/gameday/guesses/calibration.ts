import { describeRatio, geometricMean, METRIC_LABELS, TIME_METRICS, timeRatio, type Measurement, type TimeMetric } from "./guess-error";
import type { GuessValues } from "./guess-schema";

/** One ended run with its measurement and the guesses in scope (the team's, or one person's). */
export interface CalibrationEntry {
  runId: string;
  /** When the run ended (ISO). */
  at: string;
  gameDayId: string;
  gameDayTitle: string;
  experimentTitle: string;
  measurement: Measurement;
  guesses: { userId: string; name: string; values: GuessValues }[];
}

/** One run on the calibration chart: the guess (median of the scope's) beside the measurement, per time. */
export interface CalibrationPoint {
  runId: string;
  at: string;
  gameDayId: string;
  gameDayTitle: string;
  label: string;
  guesses: number;
  timeToDetectMin: { guess: number | null; measured: number | null; ratio: number | null };
  timeToRecoverMin: { guess: number | null; measured: number | null; ratio: number | null };
  page: { right: number; of: number; measured: boolean | null };
}

/** The typical error of one time, over every (guess, measurement) pair in scope. */
export interface MetricCalibration {
  metric: TimeMetric;
  /** Geometric mean of guess ÷ measured: 0.43 is "2.3x too optimistic". Null: nothing to compare. */
  typicalRatio: number | null;
  direction: "optimistic" | "pessimistic" | "about-right" | "unknown";
  /** "Time to recover is estimated 2.3x too optimistic." */
  sentence: string;
  pairs: number;
}

export interface Calibration {
  points: CalibrationPoint[];
  timeToDetectMin: MetricCalibration;
  timeToRecoverMin: MetricCalibration;
  willPage: { right: number; of: number; sentence: string };
  runs: number;
  gameDays: number;
  guesses: number;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function metricCalibration(metric: TimeMetric, entries: CalibrationEntry[]): MetricCalibration {
  const ratios = entries.flatMap((e) => e.guesses.flatMap((g) => {
    const r = timeRatio(g.values[metric], e.measurement[metric]);
    return r === null ? [] : [r];
  }));
  const typicalRatio = geometricMean(ratios);
  const d = describeRatio(typicalRatio);
  const label = capital(METRIC_LABELS[metric]);
  const sentence = typicalRatio === null ? `${label}: no guess has a measurement to compare with yet.` : `${label} is estimated ${d.text} (${ratios.length} ${ratios.length === 1 ? "guess" : "guesses"}).`;
  return { metric, typicalRatio, direction: d.direction, sentence, pairs: ratios.length };
}

/**
 * Estimate against measurement over time for the guesses in `entries`: a
 * point per run (the median guess, so one wild guess does not move it), and
 * per time its typical error as a ratio, in words. Will it page: how often
 * the guess was right. Runs without guesses in scope are left out.
 */
export function calibrate(entries: CalibrationEntry[]): Calibration {
  const used = entries.filter((e) => e.guesses.length > 0).sort((a, b) => a.at.localeCompare(b.at) || a.runId.localeCompare(b.runId));
  const points = used.map((e): CalibrationPoint => {
    const one = (metric: TimeMetric) => {
      const guess = median(e.guesses.flatMap((g) => (g.values[metric] === null ? [] : [g.values[metric] as number])));
      return { guess, measured: e.measurement[metric], ratio: timeRatio(guess, e.measurement[metric]) };
    };
    const judged = e.measurement.paged === null ? [] : e.guesses.filter((g) => g.values.willPage !== null);
    return {
      runId: e.runId,
      at: e.at,
      gameDayId: e.gameDayId,
      gameDayTitle: e.gameDayTitle,
      label: `${e.gameDayTitle} · ${e.experimentTitle}`,
      guesses: e.guesses.length,
      timeToDetectMin: one("timeToDetectMin"),
      timeToRecoverMin: one("timeToRecoverMin"),
      page: { right: judged.filter((g) => g.values.willPage === e.measurement.paged).length, of: judged.length, measured: e.measurement.paged },
    };
  });
  const right = points.reduce((n, p) => n + p.page.right, 0);
  const of = points.reduce((n, p) => n + p.page.of, 0);
  const [ttd, ttr] = TIME_METRICS.map((m) => metricCalibration(m, used));
  return {
    points,
    timeToDetectMin: ttd,
    timeToRecoverMin: ttr,
    willPage: { right, of, sentence: of === 0 ? "Will it page: nothing to compare with yet." : `Will it page: right ${right} of ${of} times (${Math.round((right / of) * 100)}%).` },
    runs: used.length,
    gameDays: new Set(used.map((e) => e.gameDayId)).size,
    guesses: used.reduce((n, e) => n + e.guesses.length, 0),
  };
}
