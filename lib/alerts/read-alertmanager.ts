import "server-only";
import { sendOutbound } from "@/lib/outbound/guarded-request";
import { outboundErrorOf } from "@/lib/outbound/outbound-error";
import type { PromEndpoint } from "@/lib/metrics/prometheus";

/** An alert Alertmanager holds (GET /api/v2/alerts). */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  startsAt: number | null;
  state: string;
}

export type AlertmanagerRead = { ok: true; alerts: AlertmanagerAlert[]; version?: string } | { ok: false; message: string };

const MAX_BYTES = 4 * 1024 * 1024;

async function amGet(url: string, path: string, ep: PromEndpoint, timeoutMs: number): Promise<{ ok: true; json: unknown } | { ok: false; message: string }> {
  const target = new URL(path, url.endsWith("/") ? url : `${url}/`);
  try {
    // The Prometheus source's TLS settings (one operator, one PKI); Alertmanager's API has no auth of its own.
    const res = await sendOutbound(target, { ...ep.network, purpose: "metrics", method: "GET", headers: { accept: "application/json" }, timeoutMs, maxBytes: MAX_BYTES, tls: { rejectUnauthorized: !ep.tlsSkipVerify, ...(ep.caCert ? { ca: ep.caCert } : {}) } });
    if (res.status >= 300) return { ok: false, message: `Alertmanager answered HTTP ${res.status}` };
    return { ok: true, json: JSON.parse(res.body.toString("utf8")) };
  } catch (error) {
    const e = outboundErrorOf(error);
    if (e?.reason === "timeout") return { ok: false, message: `Alertmanager did not answer within ${timeoutMs / 1000} s` };
    if (e) return { ok: false, message: e.reason === "unreachable" ? "Alertmanager is unreachable" : `Alertmanager was not called: ${e.message}` };
    return { ok: false, message: "Alertmanager sent something that is not JSON" };
  }
}

/** The alerts Alertmanager holds now, active, silenced or inhibited. Errors as data. */
export async function readAlertmanagerAlerts(url: string, ep: PromEndpoint, timeoutMs = 2500): Promise<AlertmanagerRead> {
  const r = await amGet(url, "api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true", ep, timeoutMs);
  if (!r.ok) return r;
  if (!Array.isArray(r.json)) return { ok: false, message: "Alertmanager's /api/v2/alerts did not return a list" };
  const now = Date.now();
  const alerts = (r.json as { labels?: Record<string, string>; startsAt?: string; endsAt?: string; status?: { state?: string } }[])
    // A resolved alert stays listed until Alertmanager forgets it, with its endsAt in the past: it no longer fires.
    .filter((a) => !(a.endsAt && Date.parse(a.endsAt) > 0 && Date.parse(a.endsAt) < now))
    .map((a) => {
      const t = a.startsAt ? Date.parse(a.startsAt) : NaN;
      return { labels: a.labels ?? {}, startsAt: Number.isFinite(t) ? t / 1000 : null, state: a.status?.state ?? "unknown" };
    });
  return { ok: true, alerts };
}

/** "Test": Alertmanager's version and cluster status (GET /api/v2/status). */
export async function alertmanagerStatus(url: string, ep: PromEndpoint, timeoutMs = 3000): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  const r = await amGet(url, "api/v2/status", ep, timeoutMs);
  if (!r.ok) return r;
  const v = (r.json as { versionInfo?: { version?: string } })?.versionInfo?.version;
  return { ok: true, version: v ?? "unknown" };
}
