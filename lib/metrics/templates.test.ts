import { describe, expect, it } from "vitest";
import { probeSchema } from "@/lib/experiments/schemas";
import { findTemplate, PROBE_TEMPLATES } from "./templates";

describe("probe templates", () => {
  it("cover the usual SLIs and each builds a valid probe for the given service", () => {
    expect(PROBE_TEMPLATES.map((t) => t.id)).toEqual(["availability", "error-ratio", "latency-p95", "latency-p99", "saturation", "ready-replicas"]);
    for (const t of PROBE_TEMPLATES) {
      const p = t.build('service="checkout"');
      expect(probeSchema.parse(p)).toEqual(p);
      expect(p.query).toContain('service="checkout"');
    }
  });

  it("keep a healthy service's error ratio at 0 rather than no data, and use the rate window asked for", () => {
    const q = findTemplate("error-ratio")!.build('job="api"', "10s").query;
    expect(q).toBe('(sum(rate(http_requests_total{job="api",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{job="api"}[10s]))');
    expect(findTemplate("latency-p99")!.build('job="api"').query).toBe('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[30s])))');
    expect(findTemplate("nope")).toBeUndefined();
  });
});
