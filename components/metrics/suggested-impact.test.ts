import { describe, expect, it } from "vitest";
import { measureAlerts } from "@/lib/alerts/alert-measures";
import type { RunMetricsView } from "@/lib/metrics/run-metrics";
import { suggestedImpact } from "./suggested-impact";

const T0 = 1_800_000_000;
const impact = { probes: [{ timeToDetectSec: 3, timeToRecoverSec: 150 }], hypothesisHeld: false } as unknown as RunMetricsView["impact"];
const alerts = (fired: boolean, receiver = true) =>
  ({ rules: ["A"], alerts: [], markers: [], measures: measureAlerts(fired ? [{ alertname: "A", labels: { alertname: "A" }, severity: "page", pendingAt: null, firedAt: T0 + 200, resolvedAt: null, inAlertmanagerAt: null, notifiedAt: T0 + 230, notifications: 1, preexisting: false }] : [], T0, true, receiver) }) as RunMetricsView["alerts"];

describe("the measured-impact proposal", () => {
  it("takes detection from the alert firing (when the team found out), not the probe's breach (when users were hurt)", () => {
    expect(suggestedImpact(impact, alerts(true))).toEqual({ timeToDetectMin: 4, timeToRecoverMin: 3, hypothesisHeld: false, alertFired: true, paged: true });
  });

  it("proposes 'no alert' and no detection time when nothing fired, and leaves paging alone without a receiver", () => {
    expect(suggestedImpact(impact, alerts(false, false))).toEqual({ timeToDetectMin: null, timeToRecoverMin: 3, hypothesisHeld: false, alertFired: false });
  });

  it("without alerting watched, keeps the probes' detection and proposes nothing about alerts", () => {
    expect(suggestedImpact(impact, null)).toEqual({ timeToDetectMin: 1, timeToRecoverMin: 3, hypothesisHeld: false });
  });
});
