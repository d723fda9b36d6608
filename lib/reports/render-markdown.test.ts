import { describe, expect, it } from "vitest";
import { compareImpact } from "@/lib/gameday/impact";
import { renderMarkdown } from "./render-markdown";
import { summarise, summarySentence } from "./summarise";
import type { ReportModel } from "./report-model";

function fixture(): ReportModel {
  const base: Omit<ReportModel, "summary"> = {
    gameDay: { id: "g", title: "Checkout | resilience", date: "2026-11-22T00:00:00.000Z", goals: "Learn *fast*\nand safely", systemUnderTest: "checkout", phase: "report" },
    participants: [{ name: "Ada", email: "ada@example.com" }],
    failureModes: [
      { id: "f1", title: "Pod dies", description: "", injectionPoint: "containers", votes: 3, estimate: { hypothesis: "errors < 1%", severity: 2, userImpact: "degraded", alertExpected: true, timeToDetectMin: 5, timeToRecoverMin: 10, fleetSize: null, mtbfDays: null } },
      { id: "f2", title: "DNS down", description: "", injectionPoint: "network", votes: 1, estimate: null },
    ],
    experiments: [
      {
        title: "Kill a pod",
        hypothesis: "errors < 1%",
        faults: [{ label: "Kill pods", params: { gracePeriodSeconds: 0 } }],
        durationSec: 60,
        failureModes: ["Pod dies"],
        runs: [
          {
            id: "r1",
            status: "completed",
            startedAt: "2026-11-22T10:00:00.000Z",
            endedAt: "2026-11-22T10:01:00.000Z",
            timeline: [{ at: "2026-11-22T10:00:00.000Z", type: "inject", message: "Kill pods started", actor: "Ada" }],
            hypothesisHeld: false,
            notes: "Alert never fired",
            differences: compareImpact(
              { severity: 2, userImpact: "degraded", alert: true, timeToDetectMin: 5, timeToRecoverMin: 10 },
              { severity: 3, userImpact: "degraded", alert: false, timeToDetectMin: null, timeToRecoverMin: 8 },
            ),
          },
        ],
      },
    ],
    followUps: [{ key: "FD-1", title: "Add alert", status: "open", url: null, failureMode: "Pod dies" }],
    generatedAt: "2026-11-22T12:00:00.000Z",
  };
  return { ...base, summary: summarise(base) };
}

describe("report", () => {
  it("summarises the day in one paragraph", () => {
    const s = fixture().summary;
    expect(s).toMatchObject({ failureModes: 2, runs: 1, held: 0, disproved: 1, worseThanExpected: 1, followUpsOpen: 1 });
    expect(summarySentence(s)).toBe(
      "The team brainstormed 2 failure modes and ran 1 experiment run across 1 experiment. 0 of 1 hypotheses held; 1 was disproved. 1 run went worse than estimated. 1 follow-up filed, 1 still open.",
    );
  });

  it("renders standalone Markdown with the estimate-vs-measured table and escapes user text", () => {
    const md = renderMarkdown(fixture());
    expect(md).toContain("# GameDay report: Checkout \\| resilience");
    expect(md).toContain("Learn \\*fast\\*  \nand safely");
    expect(md).toContain("| Severity | 2 | 3 | +1 level ⚠ worse |");
    expect(md).toContain("| Alert | fires | did not fire | did not fire ⚠ worse |");
    expect(md).toContain("| Time to recover | 10 min | 8 min | −2 min (better) |");
    expect(md).toContain("| DNS down | Network | 1 | not estimated | — |");
    expect(md).toContain("- 10:00:00 · inject · Kill pods started — Ada");
    expect(md).toContain("| FD-1 | Add alert | open | Pod dies |");
  });
});
