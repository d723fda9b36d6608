import type { Probe } from "@/lib/experiments/schemas";

/** A ready-made probe for a usual SLI; `build` turns a label matcher into the probe. */
export interface ProbeTemplate {
  id: string;
  label: string;
  /** What the template measures, for the form's help text. */
  help: string;
  build: (matcher: string, rateWindow?: string) => Probe;
}

// `or vector(0)` keeps the numerator defined when there are no errors at all;
// without it a healthy service would read as "no data" rather than 0.
const errors = (m: string, w: string) => `(sum(rate(http_requests_total{${m},code=~"5.."}[${w}])) or vector(0))`;
const total = (m: string, w: string) => `sum(rate(http_requests_total{${m}}[${w}]))`;
const quantile = (q: number, m: string, w: string) => `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${m}}[${w}])))`;

/**
 * Templates for the usual SLIs (availability, error ratio, p95/p99 latency from
 * histograms, saturation, ready replicas). The matcher selects the service,
 * e.g. `service="checkout"`; the rate window defaults to 30 s.
 */
export const PROBE_TEMPLATES: ProbeTemplate[] = [
  { id: "availability", label: "Availability", help: "Share of requests answered without a 5xx (≥ 99%).", build: (m, w = "30s") => ({ name: "Availability", query: `1 - ${errors(m, w)} / ${total(m, w)}`, comparator: ">=", threshold: 0.99, windowSec: 30 }) },
  { id: "error-ratio", label: "Error ratio", help: "Share of requests answered with a 5xx (< 1%).", build: (m, w = "30s") => ({ name: "Error ratio", query: `${errors(m, w)} / ${total(m, w)}`, comparator: "<", threshold: 0.01, windowSec: 30 }) },
  { id: "latency-p95", label: "p95 latency", help: "95th percentile of request duration from the histogram, in seconds.", build: (m, w = "30s") => ({ name: "p95 latency (s)", query: quantile(0.95, m, w), comparator: "<", threshold: 0.5, windowSec: 30 }) },
  { id: "latency-p99", label: "p99 latency", help: "99th percentile of request duration from the histogram, in seconds.", build: (m, w = "30s") => ({ name: "p99 latency (s)", query: quantile(0.99, m, w), comparator: "<", threshold: 1, windowSec: 30 }) },
  { id: "saturation", label: "Saturation (CPU)", help: "CPU used by the service's containers as a share of their limit.", build: (m, w = "30s") => ({ name: "CPU saturation", query: `sum(rate(container_cpu_usage_seconds_total{${m}}[${w}])) / sum(kube_pod_container_resource_limits{${m},resource="cpu"})`, comparator: "<", threshold: 0.8, windowSec: 60 }) },
  { id: "ready-replicas", label: "Ready replicas", help: "Replicas ready to serve (at least 2).", build: (m) => ({ name: "Ready replicas", query: `min(demo_service_ready_replicas{${m}})`, comparator: ">=", threshold: 2, windowSec: 10 }) },
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): ProbeTemplate | undefined {
  return PROBE_TEMPLATES.find((t) => t.id === id);
}
