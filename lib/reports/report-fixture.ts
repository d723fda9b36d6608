import { compareImpact } from "@/lib/gameday/impact";
import type { ReportModel } from "./report-model";
import { summarise } from "./summarise";

/** A small report with one disproved run, for the renderers' unit tests. */
export function reportFixture(): ReportModel {
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
        targets: "namespace demo; labels app=checkout; 1 picked at random",
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
    findings: [],
    followUps: [{ key: "FD-1", title: "Add alert", status: "open", url: null, failureMode: "Pod dies" }],
    generatedAt: "2026-11-22T12:00:00.000Z",
  };
  return { ...base, summary: summarise(base) };
}
