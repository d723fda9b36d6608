import "server-only";
import http from "node:http";
import https from "node:https";
import type { Point } from "./series";

/** Where and how to reach one Prometheus (built from a stored MetricsSource, never from user input). */
export interface PromEndpoint {
  url: string;
  auth: { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };
  tlsSkipVerify: boolean;
  caCert: string | null;
}

/** Errors as data: a Prometheus that is slow or down is an expected state, not an exception. */
export type PromResult<T> = { ok: true; data: T; ms: number } | { ok: false; kind: "unreachable" | "timeout" | "bad_query" | "http"; message: string; ms: number };

const DEFAULT_TIMEOUT_MS = 3000;

function request(ep: PromEndpoint, path: string, form: Record<string, string> | null, timeoutMs: number): Promise<PromResult<unknown>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const base = ep.url.endsWith("/") ? ep.url : `${ep.url}/`;
  const url = new URL(path, base);
  const body = form ? new URLSearchParams(form).toString() : null;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== null) headers["content-type"] = "application/x-www-form-urlencoded";
  if (ep.auth.kind === "bearer") headers.authorization = `Bearer ${ep.auth.token}`;
  if (ep.auth.kind === "basic") headers.authorization = `Basic ${Buffer.from(`${ep.auth.username}:${ep.auth.password}`).toString("base64")}`;
  const lib = url.protocol === "https:" ? https : http;
  const tls = url.protocol === "https:" ? { rejectUnauthorized: !ep.tlsSkipVerify, ...(ep.caCert ? { ca: ep.caCert } : {}) } : {};
  return new Promise((answer) => {
    // A total deadline, not an idle timeout: a server that trickles a byte now
    // and then never goes idle, and must not hold an abort check (or a chart) for ever.
    let done = false;
    const resolve = (r: PromResult<unknown>) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      answer(r);
    };
    const deadline = setTimeout(() => {
      resolve({ ok: false, kind: "timeout", message: `Prometheus did not answer within ${timeoutMs / 1000} s`, ms: ms() });
      req.destroy();
    }, timeoutMs);
    const req = lib.request(url, { method: body === null ? "GET" : "POST", headers, ...tls, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => resolve({ ok: false, kind: "unreachable", message: e.message, ms: ms() }));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: { status?: string; data?: unknown; error?: string; errorType?: string } | null = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        if (json?.status === "success") return resolve({ ok: true, data: json.data, ms: ms() });
        if (json?.status === "error" && (json.errorType === "bad_data" || res.statusCode === 400 || res.statusCode === 422)) return resolve({ ok: false, kind: "bad_query", message: json.error ?? "Prometheus refused the query", ms: ms() });
        const hint = res.statusCode === 401 || res.statusCode === 403 ? " (check the credentials)" : "";
        resolve({ ok: false, kind: "http", message: `Prometheus answered HTTP ${res.statusCode}${hint}${json?.error ? `: ${json.error}` : ""}`, ms: ms() });
      });
    });
    req.on("error", (e) => resolve({ ok: false, kind: "unreachable", message: `Prometheus is unreachable (${(e as NodeJS.ErrnoException).code ?? e.message})`, ms: ms() }));
    if (body !== null) req.write(body);
    req.end();
  });
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
