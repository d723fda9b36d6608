import { describe, expect, it } from "vitest";
import { evaluateWindow } from "./evaluate";
import { describePeak, hypothesisHeld, measureProbe } from "./impact";
import { chooseStep, compare, formatValue, type Point } from "./series";

const errorRatio = { name: "Error ratio", comparator: "<" as const, threshold: 0.01, windowSec: 5 };
const abort = { name: "Error ratio too high", comparator: ">" as const, threshold: 0.2, windowSec: 3 };
const series = (start: number, values: (number | null)[]): Point[] => values.map((v, i) => [start + i, v]);

describe("compare", () => {
  it("applies every comparator", () => {
    expect([compare(1, "<", 2), compare(2, "<=", 2), compare(3, ">", 2), compare(2, ">=", 2), compare(2, "==", 2)]).toEqual([true, true, true, true, true]);
    expect([compare(2, "<", 2), compare(3, "<=", 2), compare(2, ">", 2), compare(1, ">=", 2), compare(1, "==", 2)]).toEqual([false, false, false, false, false]);
  });
});

describe("evaluateWindow", () => {
  it("a steady state holds only when every sample in the window holds", () => {
    const ok = series(100, [0.5, 0, 0.001, 0.002, 0.003, 0.004, 0.005]); // the 0.5 is outside the 5 s window
    expect(evaluateWindow(ok, errorRatio, "steadyState", 106)).toMatchObject({ state: "ok", latest: 0.005, samples: 5 });
    const bad = series(100, [0, 0, 0.02, 0, 0, 0]);
    const v = evaluateWindow(bad, errorRatio, "steadyState", 105);
    expect(v.state).toBe("breached");
    expect(v.line).toBe("Error ratio = 0.02 does not hold (< 0.01 over 5 s)");
  });

  it("no samples in the window is no-data, not a verdict", () => {
    expect(evaluateWindow(series(0, [0, 0]), errorRatio, "steadyState", 100).state).toBe("no-data");
    expect(evaluateWindow(series(95, [null, null, null]), errorRatio, "steadyState", 100).state).toBe("no-data");
  });

  it("an abort condition trips when true for its whole window, not on one spike", () => {
    expect(evaluateWindow(series(100, [0, 0.5, 0]), abort, "abortConditions", 103).state).toBe("ok");
    const tripped = evaluateWindow(series(100, [0, 0.3, 0.4, 0.43]), abort, "abortConditions", 103);
    expect(tripped.state).toBe("breached");
    expect(tripped.line).toBe("Error ratio too high > 0.2 over 3 s: 0.43");
  });
});

describe("measureProbe", () => {
  // Baseline 0 for 10 s, fault at t=110, errors from 112 to 115, back to 0; revert at 130.
  const values = [...Array(10).fill(0), 0, 0, 0.3, 0.5, 0.2, 0.05, 0, 0, ...Array(12).fill(0), ...Array(10).fill(0)];
  const points = series(100, values);
  const w = { injectedAt: 110, revertedAt: 130, baselineSec: 10, afterSec: 10 };

  it("computes time to detect, time to recover, peak and the verdict", () => {
    const m = measureProbe(points, errorRatio, "steadyState", w);
    expect(m.baseline).toBe(0);
    expect(m.firstBreachAt).toBe(112);
    expect(m.timeToDetectSec).toBe(2);
    expect(m.recoveredAt).toBe(116);
    expect(m.timeToRecoverSec).toBe(4);
    expect(m.peak).toMatchObject({ at: 113, value: 0.5, deviation: 0.5, deviationPct: null });
    expect(m.during).toBeCloseTo(1.05 / 21);
    expect(m.after).toBe(0);
    expect(m.held).toBe(false);
    expect(m.breached).toBe(true);
    expect(hypothesisHeld([m])).toBe(false);
  });

  it("a probe that never breaches held, with no detection or recovery time", () => {
    const quiet = series(100, Array(40).fill(0.001));
    const m = measureProbe(quiet, errorRatio, "steadyState", w);
    expect(m).toMatchObject({ held: true, breached: false, firstBreachAt: null, timeToDetectSec: null, timeToRecoverSec: null });
    expect(hypothesisHeld([m])).toBe(true);
    expect(hypothesisHeld([])).toBeNull();
  });

  it("a breach that has not recovered by the end has no recovery time", () => {
    const stuck = series(100, [...Array(12).fill(0), ...Array(28).fill(0.4)]);
    expect(measureProbe(stuck, errorRatio, "steadyState", w)).toMatchObject({ timeToDetectSec: 2, recoveredAt: null, timeToRecoverSec: null });
  });

  it("a breach only after revert still counts, but the hypothesis held while the fault was on", () => {
    const late = series(100, [...Array(32).fill(0), 0.5, 0, ...Array(6).fill(0)]);
    expect(measureProbe(late, errorRatio, "steadyState", w)).toMatchObject({ held: true, breached: true, timeToDetectSec: 22, timeToRecoverSec: 1 });
  });

  it("for an abort condition a breach is the condition being true", () => {
    const m = measureProbe(points, abort, "abortConditions", w);
    expect(m).toMatchObject({ firstBreachAt: 112, recoveredAt: 114, timeToRecoverSec: 2, held: false });
  });

  it("peak deviation is relative to a non-zero baseline", () => {
    const latency = series(100, [...Array(10).fill(0.1), 0.1, 0.4, 0.1, ...Array(27).fill(0.1)]);
    const m = measureProbe(latency, { name: "p95", comparator: "<", threshold: 0.3, windowSec: 5 }, "steadyState", w);
    expect(m.peak).toMatchObject({ at: 111, value: 0.4 });
    expect(m.peak!.deviationPct).toBeCloseTo(300);
    expect(describePeak(m.peak)).toBe("0.4 (+0.3, +300%)");
  });
});

describe("chooseStep and formatValue", () => {
  it("keeps a chart around a few hundred points, never finer than the scrape interval", () => {
    expect(chooseStep(120)).toBe(1);
    expect(chooseStep(3600)).toBe(15);
    expect(chooseStep(86400)).toBe(300);
    expect(3600 / chooseStep(3600)).toBeLessThanOrEqual(300);
    expect(chooseStep(60, 300, 5)).toBe(5);
  });

  it("formats values for people", () => {
    expect([formatValue(0.01), formatValue(0.43219), formatValue(12345.6), formatValue(null), formatValue(0.00001)]).toEqual(["0.01", "0.432", "12,346", "no data", "1.00e-5"]);
  });
});

describe("compareWithEstimate", () => {
  it("puts the slowest probe's detection and recovery beside the estimate, with the difference", async () => {
    const { compareWithEstimate } = await import("./compare-estimate");
    const m = measureProbe(series(100, [...Array(12).fill(0), 0.3, 0.3, 0.3, ...Array(25).fill(0)]), errorRatio, "steadyState", { injectedAt: 110, revertedAt: 130, baselineSec: 10, afterSec: 10 });
    const rows = compareWithEstimate({ failureMode: "fm", hypothesis: "h", timeToDetectMin: 1, timeToRecoverMin: null }, [m], false);
    expect(rows).toEqual([
      { label: "Time to detect", expected: "1 min", measured: "2 s", delta: "−58 s", verdict: "better" },
      { label: "Time to recover", expected: "—", measured: "3 s", delta: "—", verdict: "unknown" },
      { label: "Hypothesis", expected: "holds", measured: "disproved", delta: "disproved", verdict: "worse" },
    ]);
  });
});

describe("runMarkers", () => {
  it("opens the fault window at the first injection and closes it at the first stop, abort or revert", async () => {
    const { runMarkers } = await import("./run-window");
    const at = (s: number) => new Date(s * 1000);
    const r = runMarkers({ startedAt: at(100), endedAt: at(140), events: [{ at: at(100), type: "preflight", message: "ok" }, { at: at(101), type: "inject", message: "Pod kill applied" }, { at: at(120), type: "abort", message: "Abort condition tripped: x" }, { at: at(121), type: "revert", message: "Reverted" }] });
    expect(r.faultWindow).toEqual({ from: 101, to: 120 });
    expect(r.markers.map((m) => m.kind)).toEqual(["inject", "abort", "revert"]);
    const live = runMarkers({ startedAt: at(100), endedAt: null, events: [{ at: at(101), type: "inject", message: "x" }] });
    expect(live.faultWindow).toEqual({ from: 101, to: null });
  });
});
