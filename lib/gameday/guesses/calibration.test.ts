import { describe, expect, it } from "vitest";
import { calibrate, type CalibrationEntry } from "./calibration";
import { describeRatio, geometricMean, guessError, timeRatio } from "./guess-error";
import { measurementOf } from "./measurement";
import type { AlertMeasures } from "@/lib/alerts/alert-measures";

const entry = (runId: string, at: string, measured: { ttd: number | null; ttr: number | null; paged: boolean | null }, guesses: [string, number | null, number | null, boolean | null][], gameDayId = "g1"): CalibrationEntry => ({
  runId,
  at,
  gameDayId,
  gameDayTitle: gameDayId === "g1" ? "March" : "April",
  experimentTitle: "Pod dies",
  measurement: { timeToDetectMin: measured.ttd, timeToRecoverMin: measured.ttr, paged: measured.paged, source: "recorded" },
  guesses: guesses.map(([userId, ttd, ttr, page]) => ({ userId, name: userId, values: { timeToDetectMin: ttd, timeToRecoverMin: ttr, willPage: page } })),
});

describe("a guess against the measurement", () => {
  it("is a ratio: shorter than reality is optimistic, longer pessimistic, within 10% about right", () => {
    expect(describeRatio(timeRatio(10, 23)).text).toBe("2.3x too optimistic");
    expect(describeRatio(timeRatio(46, 20)).text).toBe("2.3x too pessimistic");
    expect(describeRatio(timeRatio(21, 20)).text).toBe("about right");
    expect(describeRatio(timeRatio(null, 20)).direction).toBe("unknown");
    expect(describeRatio(timeRatio(5, null)).direction).toBe("unknown");
  });
  it("still has an error when the measurement or the guess is 0 (times under 10 s count as 10 s)", () => {
    expect(timeRatio(2, 0)).toBeCloseTo(12);
    expect(timeRatio(0, 1)).toBeCloseTo(1 / 6);
    expect(describeRatio(timeRatio(0, 0)).text).toBe("about right");
  });
  it("says whether will-it-page was right, and nothing when either side is open", () => {
    const m = { timeToDetectMin: 4, timeToRecoverMin: 20, paged: true, source: "recorded" as const };
    expect(guessError({ timeToDetectMin: 2, timeToRecoverMin: null, willPage: true }, m)).toMatchObject({ timeToDetect: { text: "2x too optimistic" }, timeToRecover: { text: "no guess" }, pageRight: true });
    expect(guessError({ timeToDetectMin: null, timeToRecoverMin: null, willPage: false }, m).pageRight).toBe(false);
    expect(guessError({ timeToDetectMin: null, timeToRecoverMin: null, willPage: false }, { ...m, paged: null }).pageRight).toBeNull();
  });
  it("averages geometrically: 2x and 0.5x cancel out", () => {
    expect(geometricMean([2, 0.5])).toBeCloseTo(1);
    expect(geometricMean([])).toBeNull();
  });
});

describe("calibration across GameDays", () => {
  it("says the typical error and its direction, per time, and the hit rate of will-it-page", () => {
    const c = calibrate([
      entry("r2", "2026-04-02T10:00:00Z", { ttd: 6, ttr: 46, paged: null }, [["ada", 3, 20, true], ["bob", 3, 20, false]], "g2"),
      entry("r1", "2026-03-01T10:00:00Z", { ttd: 3, ttr: 23, paged: true }, [["ada", 3, 10, true], ["bob", 3, 10, false]]),
    ]);
    expect(c.points.map((p) => p.runId)).toEqual(["r1", "r2"]); // oldest first
    expect(c.timeToRecoverMin.sentence).toBe("Time to recover is estimated 2.3x too optimistic (4 guesses).");
    expect(c.timeToRecoverMin.direction).toBe("optimistic");
    expect(c.timeToDetectMin.typicalRatio).toBeCloseTo(Math.sqrt(0.5));
    expect(c.willPage).toMatchObject({ right: 1, of: 2 }); // r2 did not measure paging
    expect([c.runs, c.gameDays, c.guesses]).toEqual([2, 2, 4]);
    expect(c.points[0].timeToRecoverMin).toEqual({ guess: 10, measured: 23, ratio: 10 / 23 });
  });
  it("is empty without guesses, and says so without measurements", () => {
    expect(calibrate([]).points).toEqual([]);
    expect(calibrate([entry("r1", "2026-03-01T10:00:00Z", { ttd: 3, ttr: 5, paged: null }, [])]).runs).toBe(0);
    const unmeasured = calibrate([entry("r1", "2026-03-01T10:00:00Z", { ttd: null, ttr: null, paged: null }, [["ada", 3, 10, true]])]);
    expect(unmeasured.timeToRecoverMin).toMatchObject({ typicalRatio: null, direction: "unknown", pairs: 0 });
    expect(unmeasured.timeToRecoverMin.sentence).toBe("Time to recover: no guess has a measurement to compare with yet.");
    expect(unmeasured.willPage.sentence).toBe("Will it page: nothing to compare with yet.");
  });
});

describe("the measurement guesses are compared with", () => {
  const alerts = (over: Partial<AlertMeasures>): AlertMeasures => ({ watched: true, pagingWatched: true, fired: [], preexisting: [], timeToFireSec: 90, timeToPageSec: 100, timeToResolveSec: null, didFire: true, paged: true, ...over });
  it("is what the room recorded, its open figures filled from alerting", () => {
    expect(measurementOf({ timeToDetectMin: 4, timeToRecoverMin: 12, paged: false }, alerts({}))).toEqual({ timeToDetectMin: 4, timeToRecoverMin: 12, paged: false, source: "recorded" });
    expect(measurementOf({ timeToDetectMin: null, timeToRecoverMin: 12, paged: null }, alerts({}))).toEqual({ timeToDetectMin: 1.5, timeToRecoverMin: 12, paged: true, source: "recorded" });
  });
  it("is the team's alerting when nothing was recorded, and nothing when alerting did not watch", () => {
    expect(measurementOf(null, alerts({ pagingWatched: false }))).toEqual({ timeToDetectMin: 1.5, timeToRecoverMin: null, paged: null, source: "alerts" });
    expect(measurementOf(null, alerts({ watched: false }))).toMatchObject({ source: "none", timeToDetectMin: null });
    expect(measurementOf(null, null).source).toBe("none");
  });
});
