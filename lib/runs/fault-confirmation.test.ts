import { describe, expect, it } from "vitest";
import { INCONCLUSIVE, summariseConfirmation } from "./fault-confirmation";

const e = (stepIndex: number, effect: string | null) => ({ stepIndex, effect });

describe("summariseConfirmation", () => {
  it("says nothing for a run that applied no cluster fault", () => {
    expect(summariseConfirmation([])).toMatchObject({ state: "none", inconclusive: null });
    expect(summariseConfirmation([e(0, null)])).toMatchObject({ state: "none", total: 0 });
  });

  it("is confirmed when every target took effect", () => {
    expect(summariseConfirmation([e(0, "confirmed"), e(0, "confirmed")])).toMatchObject({ state: "confirmed", confirmed: 2, inconclusive: null });
  });

  it("is inconclusive when no target of the only step took effect", () => {
    const s = summariseConfirmation([e(0, "failed"), e(0, "unconfirmed")]);
    expect(s).toMatchObject({ state: "not-in-effect", failed: 1, unconfirmed: 1 });
    expect(s.inconclusive).toBe(`${INCONCLUSIVE}.`);
  });

  it("names the step that tested nothing when another step did take effect", () => {
    const s = summariseConfirmation([e(0, "confirmed"), e(1, "failed")], ["Kill pods", "CPU stress"]);
    expect(s.state).toBe("partial");
    expect(s.inconclusive).toBe(`${INCONCLUSIVE} in CPU stress.`);
  });

  it("is partial, not inconclusive, when some targets of a step took effect", () => {
    expect(summariseConfirmation([e(0, "confirmed"), e(0, "failed")])).toMatchObject({ state: "partial", inconclusive: null });
  });

  it("waits while targets are still being checked", () => {
    expect(summariseConfirmation([e(0, "checking"), e(0, "failed")])).toMatchObject({ state: "checking", inconclusive: null });
  });
});
