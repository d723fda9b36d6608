import { describe, expect, it } from "vitest";
import { alertKey, identityLabels, sameAlert } from "./alert-identity";
import { measureAlerts, type SeenAlert } from "./alert-measures";
import { alertmanagerPayloadSchema } from "./receive-notification";
import { compareWithEstimate, type EstimateFigures } from "@/lib/metrics/compare-estimate";

const T0 = 1_800_000_000; // injection, unix seconds

function seen(over: Partial<SeenAlert>): SeenAlert {
  return { alertname: "CheckoutErrorRatioHigh", labels: { alertname: "CheckoutErrorRatioHigh", severity: "page" }, severity: "page", pendingAt: null, firedAt: null, resolvedAt: null, inAlertmanagerAt: null, notifiedAt: null, notifications: 0, preexisting: false, ...over };
}

describe("which alert is which", () => {
  it("leaves out alertstate and __name__, and keys by sorted labels", () => {
    expect(identityLabels({ __name__: "ALERTS", alertstate: "firing", b: "2", alertname: "X", a: "1" })).toEqual({ a: "1", alertname: "X", b: "2" });
    expect(alertKey({ alertstate: "pending", b: "2", alertname: "X", a: "1" })).toBe('X{a="1",b="2"}');
  });

  it("matches Alertmanager's copy (with external labels) to Prometheus' ALERTS series", () => {
    const fromAlerts = { __name__: "ALERTS", alertname: "CheckoutErrorRatioHigh", alertstate: "firing", severity: "page", service: "checkout" };
    const fromAlertmanager = { alertname: "CheckoutErrorRatioHigh", severity: "page", service: "checkout", cluster: "prod-eu", replica: "a" };
    expect(sameAlert(fromAlerts, fromAlertmanager)).toBe(true);
  });

  it("tells apart alerts of another name, or with a different value of a shared label", () => {
    expect(sameAlert({ alertname: "A", service: "checkout" }, { alertname: "B", service: "checkout" })).toBe(false);
    expect(sameAlert({ alertname: "A", service: "checkout" }, { alertname: "A", service: "cart" })).toBe(false);
    expect(sameAlert({ service: "checkout" }, { service: "checkout" })).toBe(false); // no alertname: never an alert
  });
});

describe("measureAlerts", () => {
  it("measures time to fire, to page and to resolve from injection", () => {
    const m = measureAlerts([seen({ firedAt: T0 + 75, notifiedAt: T0 + 105, resolvedAt: T0 + 300 })], T0, true);
    expect(m).toMatchObject({ didFire: true, paged: true, timeToFireSec: 75, timeToPageSec: 105, timeToResolveSec: 225 });
    expect(m.fired).toEqual([{ alertname: "CheckoutErrorRatioHigh", severity: "page", firedAfterSec: 75, pagedAfterSec: 105, resolvedAfterSec: 300 }]);
  });

  it("does not count an alert already firing before injection: it detects nothing", () => {
    const m = measureAlerts([seen({ firedAt: T0 - 600, notifiedAt: T0 + 10, preexisting: true })], T0, true);
    expect(m).toMatchObject({ didFire: false, paged: false, timeToFireSec: null, timeToPageSec: null, preexisting: ["CheckoutErrorRatioHigh"] });
  });

  it("says 'did not fire' when nothing fired, and no resolve time while one still fires", () => {
    expect(measureAlerts([], T0, true)).toMatchObject({ watched: true, didFire: false, paged: false, timeToFireSec: null, timeToResolveSec: null });
    const stillFiring = measureAlerts([seen({ firedAt: T0 + 30 }), seen({ alertname: "CheckoutLatencyHigh", firedAt: T0 + 60, resolvedAt: T0 + 120 })], T0, true);
    expect(stillFiring.timeToFireSec).toBe(30);
    expect(stillFiring.timeToResolveSec).toBeNull();
  });

  it("takes the first of several alerts for detection and paging", () => {
    const m = measureAlerts([seen({ alertname: "Late", firedAt: T0 + 200, notifiedAt: T0 + 230 }), seen({ alertname: "Early", firedAt: T0 + 40, notifiedAt: T0 + 90 })], T0, true);
    expect(m.fired.map((f) => f.alertname)).toEqual(["Early", "Late"]);
    expect(m).toMatchObject({ timeToFireSec: 40, timeToPageSec: 90 });
  });
});

describe("the estimate's alert against the real one", () => {
  const estimate = (over: Partial<EstimateFigures>): EstimateFigures => ({ failureMode: "Checkout pod dies", hypothesis: "h", timeToDetectMin: 2, timeToRecoverMin: 5, alertExpected: true, ...over });
  const row = (rows: ReturnType<typeof compareWithEstimate>, label: string) => rows.find((r) => r.label === label);

  it("an estimate that expected an alert which never fired is worse, said so", () => {
    const rows = compareWithEstimate(estimate({}), [], true, measureAlerts([], T0, true));
    expect(row(rows, "Alert")).toMatchObject({ measured: "did not fire", delta: "expected, did not fire", verdict: "worse" });
    expect(row(rows, "Paged")?.measured).toBe("no notification received");
    expect(row(rows, "Time to detect (alert fired)")?.measured).toBe("—");
  });

  it("an alert later than 'within N min' is late; in time otherwise", () => {
    const late = compareWithEstimate(estimate({ timeToDetectMin: 1 }), [], false, measureAlerts([seen({ firedAt: T0 + 90 })], T0, true));
    expect(row(late, "Alert")).toMatchObject({ delta: "30 s late", verdict: "worse" });
    const inTime = compareWithEstimate(estimate({ timeToDetectMin: 2 }), [], false, measureAlerts([seen({ firedAt: T0 + 90, notifiedAt: T0 + 100 })], T0, true));
    expect(row(inTime, "Alert")).toMatchObject({ delta: "in time", verdict: "as-expected" });
    expect(row(inTime, "Paged")?.measured).toBe("paged after 100 s");
    expect(row(inTime, "Time to detect (alert fired)")).toMatchObject({ measured: "90 s", verdict: "better" });
  });

  it("without a receiver, paging is said to be not measured rather than 'no notification'", () => {
    const rows = compareWithEstimate(estimate({}), [], true, measureAlerts([seen({ firedAt: T0 + 30 })], T0, true, false));
    expect(row(rows, "Paged")?.measured).toBe("not measured: no Alertmanager receiver set up");
  });

  it("without alerting watched, the checkbox stays and detection comes from the probes", () => {
    const rows = compareWithEstimate(estimate({}), [], true, measureAlerts([], T0, false));
    expect(rows.map((r) => r.label)).toContain("Time to detect");
    expect(row(rows, "Alert")).toBeUndefined();
  });
});

describe("Alertmanager's webhook payload", () => {
  const valid = { version: "4", status: "firing", receiver: "firedrill", alerts: [{ status: "firing", labels: { alertname: "CheckoutErrorRatioHigh" }, startsAt: "2026-12-07T08:00:00Z", endsAt: "0001-01-01T00:00:00Z" }] };

  it("accepts what Alertmanager sends (extra fields are ignored)", () => {
    expect(alertmanagerPayloadSchema.safeParse({ ...valid, groupKey: "{}:{}", externalURL: "http://am:9093" }).success).toBe(true);
  });

  it("refuses what is not a notification", () => {
    for (const bad of [null, [], "firing", { ...valid, status: "maybe" }, { ...valid, alerts: [{ status: "firing", labels: { alertname: { $gt: "" } } }] }, { ...valid, alerts: Array.from({ length: 1001 }, () => valid.alerts[0]) }, { ...valid, alerts: [{ status: "firing", labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, "v"])) }] }]) {
      expect(alertmanagerPayloadSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });
});
