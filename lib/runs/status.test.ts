import { describe, expect, it } from "vitest";
import { canTransition, isLive, isTerminal, RUN_STATUSES } from "./status";

describe("run status machine", () => {
  it("follows draft → preflight → running → stopping → completed", () => {
    expect(canTransition("draft", "preflight")).toBe(true);
    expect(canTransition("preflight", "running")).toBe(true);
    expect(canTransition("running", "stopping")).toBe(true);
    expect(canTransition("stopping", "completed")).toBe(true);
  });

  it("never skips the stopping step where faults are reverted", () => {
    expect(canTransition("running", "completed")).toBe(false);
    expect(canTransition("running", "aborted")).toBe(false);
  });

  it("lets preflight fail or be aborted before anything is injected", () => {
    expect(canTransition("preflight", "failed")).toBe(true);
    expect(canTransition("preflight", "aborted")).toBe(true);
  });

  it("has terminal states that cannot change", () => {
    for (const terminal of ["completed", "aborted", "failed"] as const) {
      expect(isTerminal(terminal)).toBe(true);
      for (const to of RUN_STATUSES) expect(canTransition(terminal, to)).toBe(false);
    }
    expect(isLive("running")).toBe(true);
    expect(isLive("draft")).toBe(false);
  });
});
