import { describe, expect, it } from "vitest";
import { compareImpact, describeLikelihood, mtbfLikelihood, type ImpactFigures } from "./impact";

describe("MTBF likelihood", () => {
  it("is N machines × 1/MTBF failures per day", () => {
    const l = mtbfLikelihood(100, 1000);
    expect(l.failuresPerDay).toBeCloseTo(0.1);
    expect(l.daysBetweenFailures).toBeCloseTo(10);
    // Poisson: P(at least one in 30 days) = 1 - e^(-0.1 × 30)
    expect(l.probabilityWithinWindow).toBeCloseTo(1 - Math.exp(-3), 10);
    expect(describeLikelihood(l)).toBe("about one failure every 10 days across the fleet (95% chance within 30 days)");
  });

  it("speaks of failures a day for big fleets", () => {
    expect(describeLikelihood(mtbfLikelihood(5000, 1500))).toBe("about 3.3 failures a day across the fleet");
  });

  it("refuses non-positive inputs", () => {
    expect(() => mtbfLikelihood(0, 10)).toThrow(RangeError);
    expect(() => mtbfLikelihood(10, -1)).toThrow(RangeError);
  });
});

describe("estimate vs measured", () => {
  const expected: ImpactFigures = { severity: 2, userImpact: "degraded", alert: true, timeToDetectMin: 5, timeToRecoverMin: 15 };

  it("calls out what was worse than expected", () => {
    const diff = compareImpact(expected, { severity: 4, userImpact: "partial-outage", alert: false, timeToDetectMin: 12, timeToRecoverMin: 40 });
    const by = Object.fromEntries(diff.map((d) => [d.field, d]));
    expect(by.severity).toMatchObject({ verdict: "worse", delta: "+2 levels" });
    expect(by.userImpact).toMatchObject({ verdict: "worse", delta: "+1 step" });
    expect(by.alert).toMatchObject({ verdict: "worse", delta: "did not fire" });
    expect(by.timeToDetectMin).toMatchObject({ verdict: "worse", delta: "+7 min" });
    expect(by.timeToRecoverMin).toMatchObject({ verdict: "worse", delta: "+25 min" });
  });

  it("recognises better and as-expected outcomes", () => {
    const diff = compareImpact(expected, { severity: 1, userImpact: "degraded", alert: true, timeToDetectMin: 2, timeToRecoverMin: 15 });
    expect(diff.map((d) => d.verdict)).toEqual(["better", "as-expected", "as-expected", "better", "as-expected"]);
    expect(diff[0].delta).toBe("−1 level");
  });

  it("cannot judge times that were not given", () => {
    const diff = compareImpact({ ...expected, timeToDetectMin: null }, { ...expected });
    expect(diff.find((d) => d.field === "timeToDetectMin")).toMatchObject({ verdict: "unknown", delta: "—" });
  });
});
