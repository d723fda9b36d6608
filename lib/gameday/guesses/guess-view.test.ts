import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/auth/roles";
import { GUESS_ROLES, guessSchema, mayGuess } from "./guess-schema";
import { buildGuessBoard, guessPhaseOf, type GuessRow } from "./guess-view";

const rows: GuessRow[] = [
  { userId: "u1", userName: "Ada", timeToDetectMin: 2, timeToRecoverMin: 10, willPage: true },
  { userId: "u2", userName: "Bob", timeToDetectMin: 7, timeToRecoverMin: 30, willPage: false },
];
const expected = [
  { userId: "u1", name: "Ada" },
  { userId: "u2", name: "Bob" },
  { userId: "u3", name: "Cy" },
];

describe("guess phases", () => {
  it("are open for the next run, locked while a run is open, revealed once it ended", () => {
    expect(guessPhaseOf(null)).toBe("open");
    for (const s of ["draft", "preflight", "running", "stopping"] as const) expect(guessPhaseOf({ status: s })).toBe("locked");
    for (const s of ["completed", "aborted", "failed"] as const) expect(guessPhaseOf({ status: s })).toBe("revealed");
  });
});

describe("the guess board", () => {
  it("before the end holds only the viewer's own values and the others' names", () => {
    for (const phase of ["open", "locked"] as const) {
      const b = buildGuessBoard({ rows, viewer: { id: "u1", role: "admin" }, phase, expected });
      expect(b.revealed).toBeNull();
      expect(b.mine).toEqual({ timeToDetectMin: 2, timeToRecoverMin: 10, willPage: true });
      expect(b.guessed).toEqual([{ userId: "u1", name: "Ada" }, { userId: "u2", name: "Bob" }]);
      expect(b.waitingFor).toEqual([{ userId: "u3", name: "Cy" }]);
      expect([b.count, b.of]).toEqual([2, 3]);
      // Bob's figures appear nowhere in what Ada's screen is given.
      expect(JSON.stringify(b)).not.toMatch(/"timeToDetectMin":7|"timeToRecoverMin":30|"willPage":false/);
    }
  });

  it("lets participants guess while open only, viewers never", () => {
    expect(buildGuessBoard({ rows, viewer: { id: "u3", role: "participant" }, phase: "open", expected }).canGuess).toBe(true);
    expect(buildGuessBoard({ rows, viewer: { id: "u3", role: "participant" }, phase: "locked", expected }).canGuess).toBe(false);
    const viewer = buildGuessBoard({ rows, viewer: { id: "v", role: "viewer" }, phase: "open", expected });
    expect([viewer.canGuess, viewer.mayGuess, viewer.mine]).toEqual([false, false, null]);
    expect(mayGuess("viewer")).toBe(false);
    expect(mayGuess("participant")).toBe(true);
  });

  it("guess roles are exactly those the action's permission (contribute) lets in", () => {
    expect(ROLES.filter((r) => can(r, "contribute"))).toEqual([...GUESS_ROLES]);
  });

  it("reveals everyone's values once the run ended, marking the viewer's own", () => {
    const b = buildGuessBoard({ rows, viewer: { id: "u2", role: "viewer" }, phase: "revealed", expected });
    expect(b.revealed?.map((r) => [r.name, r.values.timeToRecoverMin, r.mine])).toEqual([["Ada", 10, false], ["Bob", 30, true]]);
  });

  it("counts guessers who are not on the participant list", () => {
    const b = buildGuessBoard({ rows, viewer: { id: "x", role: "participant" }, phase: "open", expected: [] });
    expect([b.count, b.of, b.waitingFor]).toEqual([2, 2, []]);
  });
});

describe("the guess form's schema", () => {
  const base = { experimentId: "exp1" };
  it("reads minutes, decimals and an open will-page", () => {
    expect(guessSchema.parse({ ...base, timeToDetectMin: "1.5", timeToRecoverMin: "", willPage: "yes" })).toEqual({ experimentId: "exp1", timeToDetectMin: 1.5, timeToRecoverMin: null, willPage: true });
    expect(guessSchema.parse({ ...base, timeToRecoverMin: "20" })).toMatchObject({ timeToDetectMin: null, willPage: null });
  });
  it("refuses an empty guess, negative or absurd minutes, words and a strange will-page", () => {
    expect(guessSchema.safeParse({ ...base, timeToDetectMin: "", timeToRecoverMin: "", willPage: "" }).success).toBe(false);
    expect(guessSchema.safeParse({ ...base, timeToDetectMin: "-1" }).success).toBe(false);
    expect(guessSchema.safeParse({ ...base, timeToDetectMin: "1e9" }).success).toBe(false);
    expect(guessSchema.safeParse({ ...base, timeToDetectMin: "soon" }).success).toBe(false);
    expect(guessSchema.safeParse({ ...base, willPage: "maybe" }).success).toBe(false);
    expect(guessSchema.safeParse({ ...base, experimentId: "../x", willPage: "no" }).success).toBe(false);
  });
});
