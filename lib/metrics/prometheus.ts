import "server-only";
import { sendOutbound, type OutboundRequest } from "@/lib/outbound/guarded-request";
import { outboundErrorOf } from "@/lib/outbound/outbound-error";
import type { Point } from "./series";

/** Where and how to reach one Prometheus (built from a stored MetricsSource, never from user input). */
export interface PromEndpoint {
  url: string;
  auth: { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };
  tlsSkipVerify: boolean;
  caCert: string | null;
  /** Tests: where names resolve and which destinations are allowed (default: the system resolver and FIREDRILL_OUTBOUND_ALLOW). */
  network?: Pick<OutboundRequest, "resolve" | "policy">;
}

/** Errors as data: a Prometheus that is slow or down is an expected state, not an exception. */
export type PromResult<T> = { ok: true; data: T; ms: number } | { ok: false; kind: "unreachable" | "timeout" | "bad_query" | "http" | "refused" | "too_large"; message: string; ms: number };

const DEFAULT_TIMEOUT_MS = 3000;
/** The largest answer read from Prometheus: a 2 h range query at 1 s steps is ~250 KB; more is a runaway query or not Prometheus. */
export const PROM_MAX_BYTES = 8 * 1024 * 1024;

async function request(ep: PromEndpoint, path: string, form: Record<string, string> | null, timeoutMs: number): Promise<PromResult<unknown>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const base = ep.url.endsWith("/") ? ep.url : `${ep.url}/`;
  const url = new URL(path, base);
  const body = form ? new URLSearchParams(form).toString() : null;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== null) headers["content-type"] = "application/x-www-form-urlencoded";
  if (ep.auth.kind === "bearer") headers.authorization = `Bearer ${ep.auth.token}`;
  if (ep.auth.kind === "basic") headers.authorization = `Basic ${Buffer.from(`${ep.auth.username}:${ep.auth.password}`).toString("base64")}`;
  let res;
  try {
    // The outbound guard holds a total deadline, not an idle timeout: a server
    // that trickles a byte now and then never goes idle, and must not hold an
    // abort check (or a chart) for ever. It also checks the address connected
    // to (Prometheus is usually internal: operators list it in FIREDRILL_OUTBOUND_ALLOW).
    res = await sendOutbound(url, {
      ...ep.network,
      purpose: "metrics",
      method: body === null ? "GET" : "POST",
      headers,
      body,
      timeoutMs,
      maxBytes: PROM_MAX_BYTES,
      tls: { rejectUnauthorized: !ep.tlsSkipVerify, ...(ep.caCert ? { ca: ep.caCert } : {}) },
    });
  } catch (error) {
    const e = outboundErrorOf(error);
    if (e?.reason === "timeout") return { ok: false, kind: "timeout", message: `Prometheus did not answer within ${timeoutMs / 1000} s`, ms: ms() };
    if (e?.reason === "refused" || e?.reason === "redirect") return { ok: false, kind: "refused", message: `Prometheus was not called: ${e.message}`, ms: ms() };
    if (e?.reason === "too-large") return { ok: false, kind: "too_large", message: `Prometheus sent more than ${PROM_MAX_BYTES / 1024 / 1024} MiB; the answer was cut off`, ms: ms() };
    return { ok: false, kind: "unreachable", message: "Prometheus is unreachable", ms: ms() };
  }
  let json: { status?: string; data?: unknown; error?: string; errorType?: string } | null = null;
  try {
    json = JSON.parse(res.body.toString("utf8"));
  } catch {
    json = null;
  }
  if (json?.status === "success" && res.status < 300) return { ok: true, data: json.data, ms: ms() };
  // Prometheus' own error text for a query it refused is what the PromQL field shows.
  const said = typeof json?.error === "string" ? json.error.slice(0, 500) : null;
  if (json?.status === "error" && (json.errorType === "bad_data" || res.status === 400 || res.status === 422)) return { ok: false, kind: "bad_query", message: said ?? "Prometheus refused the query", ms: ms() };
  const hint = res.status === 401 || res.status === 403 ? " (check the credentials)" : "";
  return { ok: false, kind: "http", message: `Prometheus answered HTTP ${res.status}${hint}${said ? `: ${said}` : ""}`, ms: ms() };
}

const num = (s: unknown): number | null => {
  const v = typeof s === "string" ? Number(s) : NaN;
  return Number.isFinite(v) ? v : null;
};

/** What an instant query returned, reduced to what a probe needs: one number (or none). */
export interface InstantValue {
  value: number | null;
  /** How many series the query returned (a probe must return at most one). */
  series: number;
  resultType: string;
}

/** Runs an instant query (POST /api/v1/query). */
export async function promQuery(ep: PromEndpoint, query: string, time?: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PromResult<InstantValue>> {
  const r = await request(ep, "api/v1/query", { query, ...(time !== undefined ? { time: String(time) } : {}), timeout: `${Math.ceil(timeoutMs / 1000)}s` }, timeoutMs);
  if (!r.ok) return r;
  const d = r.data as { resultType: string; result: unknown };
  if (d.resultType === "scalar") return { ...r, data: { value: num((d.result as [number, string])[1]), series: 1, resultType: "scalar" } };
  if (d.resultType === "vector") {
    const v = d.result as { value: [number, string] }[];
    return { ...r, data: { value: v.length ? num(v[0].value[1]) : null, series: v.length, resultType: "vector" } };
  }
  return { ...r, data: { value: null, series: 0, resultType: d.resultType } };
}

/**
 * Runs a range query (POST /api/v1/query_range) and returns one series as
 * points on the step grid, null where Prometheus had no value. When the query
 * returns several series the first is used (validation refuses those).
 */
export async function promQueryRange(ep: PromEndpoint, query: string, start: number, end: number, step: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PromResult<Point[]>> {
  const r = await request(ep, "api/v1/query_range", { query, start: String(start), end: String(end), step: String(step), timeout: `${Math.ceil(timeoutMs / 1000)}s` }, timeoutMs);
  if (!r.ok) return r;
  const d = r.data as { result: { values: [number, string][] }[] };
  // Keyed by millisecond: a grid may start at a fractional second (a live chart ends at "now").
  const got = new Map((d.result[0]?.values ?? []).map(([t, v]) => [Math.round(t * 1000), num(v)] as const));
  const points: Point[] = [];
  for (let i = 0; start + i * step <= end + 1e-9; i++) {
    const t = Math.round((start + i * step) * 1000) / 1000;
    points.push([t, got.get(Math.round(t * 1000)) ?? null]);
  }
  return { ...r, data: points };
}

/** A labelled series of a range query: its labels and its samples (no grid). */
export interface LabelledSeries {
  labels: Record<string, string>;
  values: [t: number, v: number | null][];
}

/** Runs a range query and returns every series with its labels (alerts: ALERTS{alertstate="firing"}). */
export async function promQueryRangeSeries(ep: PromEndpoint, query: string, start: number, end: number, step: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PromResult<LabelledSeries[]>> {
  const r = await request(ep, "api/v1/query_range", { query, start: String(start), end: String(end), step: String(step), timeout: `${Math.ceil(timeoutMs / 1000)}s` }, timeoutMs);
  if (!r.ok) return r;
  const d = r.data as { result: { metric: Record<string, string>; values: [number, string][] }[] };
  return { ...r, data: d.result.map((s) => ({ labels: s.metric, values: s.values.map(([t, v]) => [t, num(v)] as [number, number | null]) })) };
}

/** A read-only Prometheus API call (GET), its `data` unparsed: the rules API, alerts, status. */
export async function promGet(ep: PromEndpoint, path: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PromResult<unknown>> {
  return request(ep, path, null, timeoutMs);
}

/** Prometheus' own version (GET /api/v1/status/buildinfo). */
export async function promBuildInfo(ep: PromEndpoint, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PromResult<{ version: string; revision: string }>> {
  const r = await request(ep, "api/v1/status/buildinfo", null, timeoutMs);
  if (!r.ok) return r;
  const d = r.data as { version?: string; revision?: string };
  return { ...r, data: { version: d.version ?? "unknown", revision: d.revision ?? "" } };
}

/**
 * Asks Prometheus itself whether a probe's PromQL is valid: it must parse and
 * evaluate to a single number (a scalar, or an instant vector of at most one
 * series). Returns the error Prometheus gave, or null.
 */
export async function checkPromQL(ep: PromEndpoint, query: string): Promise<{ error: string | null; value: number | null; unreachable?: string }> {
  const r = await promQuery(ep, query);
  if (!r.ok) return r.kind === "bad_query" ? { error: r.message, value: null } : { error: null, value: null, unreachable: r.message };
  if (r.data.resultType !== "vector" && r.data.resultType !== "scalar") return { error: `The query returns a ${r.data.resultType}; a probe needs one number (an instant vector or a scalar).`, value: null };
  if (r.data.series > 1) return { error: `The query returns ${r.data.series} series; a probe needs one. Aggregate it, e.g. sum(…) or max(…).`, value: null };
  return { error: null, value: r.data.value };
}
