import { describe, expect, it } from "vitest";
import { canMoveToPhase, nextPhase, PHASES, phaseState, previousPhase, type Phase } from "./phases";

describe("GameDay phases", () => {
  it("walks the loop in order from gather to report", () => {
    const walked: Phase[] = [PHASES[0]];
    for (let p = nextPhase(PHASES[0]); p; p = nextPhase(p)) walked.push(p);
    expect(walked).toEqual(["gather", "brainstorm", "estimate", "experiments", "run", "measure", "follow-up", "report"]);
    expect(nextPhase("report")).toBeNull();
    expect(previousPhase("gather")).toBeNull();
    expect(previousPhase("estimate")).toBe("brainstorm");
  });

  it("moves one step at a time, forward or back", () => {
    expect(canMoveToPhase("gather", "brainstorm")).toBe(true);
    expect(canMoveToPhase("brainstorm", "gather")).toBe(true);
    expect(canMoveToPhase("gather", "estimate")).toBe(false);
    expect(canMoveToPhase("run", "run")).toBe(false);
  });

  it("tells done, current and upcoming steps apart", () => {
    expect(phaseState("estimate", "gather")).toBe("done");
    expect(phaseState("estimate", "estimate")).toBe("current");
    expect(phaseState("estimate", "report")).toBe("upcoming");
  });
});
