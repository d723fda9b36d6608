import { describe, expect, it } from "vitest";
import { notificationPayload } from "./payload";

const notice = { gameDayId: "g1", gameDayTitle: "Checkout <day>", runId: "r1", event: "aborted" as const, title: "Kill one pod & see", actor: "Ada", at: "2026-11-22T10:00:00.000Z", link: "https://fd.example/gamedays/g1/runs/r1" };

describe("run notifications", () => {
  it("formats a Slack message with escaped text and a link to the run", () => {
    expect(notificationPayload("slack", notice)).toEqual({ text: "⚠ Run aborted: <https://fd.example/gamedays/g1/runs/r1|Kill one pod &amp; see> — GameDay “Checkout &lt;day&gt;”, by Ada" });
  });

  it("sends a generic webhook a typed event document", () => {
    expect(notificationPayload("webhook", notice)).toEqual({
      type: "firedrill.run.aborted",
      event: "aborted",
      at: "2026-11-22T10:00:00.000Z",
      actor: "Ada",
      gameDay: { id: "g1", title: "Checkout <day>" },
      run: { id: "r1", title: "Kill one pod & see", link: "https://fd.example/gamedays/g1/runs/r1" },
    });
  });
});
