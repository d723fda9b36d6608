import { describe, expect, it } from "vitest";
import { formatMinutes, formatPage } from "./format-guess";

describe("guesses as people read them", () => {
  it("keeps what was entered (two decimals), seconds under a minute, a dash when open", () => {
    expect([formatMinutes(41.5), formatMinutes(7.25), formatMinutes(30), formatMinutes(1.5166), formatMinutes(0.5), formatMinutes(0), formatMinutes(null)]).toEqual(["41.5 min", "7.25 min", "30 min", "1.52 min", "30 s", "0 s", "—"]);
    expect([formatPage(true), formatPage(false), formatPage(null)]).toEqual(["pages", "no page", "—"]);
  });
});
