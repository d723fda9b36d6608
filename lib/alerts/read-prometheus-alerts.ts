import "server-only";
import { promGet, promQueryRangeSeries, type PromEndpoint } from "@/lib/metrics/prometheus";
import { chooseStep } from "@/lib/metrics/series";

/** An alerting rule loaded in the Prometheus (its rules API). */
export interface AlertingRule {
  name: string;
  query: string;
  forSec: number;
  severity: string | null;
  health: string;
  lastError: string | null;
}

/** One alert as Prometheus reports it: pending or firing now (rules API), or a firing span (ALERTS series). */
export interface PrometheusAlert {
  labels: Record<string, string>;
  /** When it became pending (rules API activeAt), unix seconds. */
  activeAt: number | null;
  /** When it started firing: activeAt + the rule's `for` (rules API) or its first firing ALERTS sample. */
  firedAt: number | null;
  /** Its firing ALERTS series ended this long before "now" (it resolved), unix seconds. */
  resolvedAt: number | null;
}

export type PrometheusAlertsRead = { ok: true; rules: AlertingRule[]; alerts: PrometheusAlert[] } | { ok: false; message: string };

const seconds = (iso: unknown) => {
  const t = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isFinite(t) && t > 0 ? t / 1000 : null;
};

type RulesData = { groups?: { rules?: { type?: string; name?: string; query?: string; duration?: number; labels?: Record<string, string>; health?: string; lastError?: string; alerts?: { labels?: Record<string, string>; state?: string; activeAt?: string }[] }[] }[] };

/**
 * What the Prometheus knows of its alerts since `from`: the alerting rules it
 * has loaded, the alerts pending or firing now (rules API: when each became
 * active), and every firing span of the ALERTS series since `from` — which
 * also catches an alert that fired and resolved between two reads, and gives
 * when each resolved. Errors as data: a Prometheus that is down is a state.
 */
export async function readPrometheusAlerts(ep: PromEndpoint, from: number, now: number, timeoutMs = 2500): Promise<PrometheusAlertsRead> {
  const step = chooseStep(Math.max(1, now - from), 2000, 1);
  const [rules, spans] = await Promise.all([promGet(ep, "api/v1/rules?type=alert", timeoutMs), promQueryRangeSeries(ep, 'ALERTS{alertstate="firing"}', from, now, step, timeoutMs)]);
  if (!rules.ok) return { ok: false, message: rules.message };
  if (!spans.ok) return { ok: false, message: spans.message };
  const loaded: AlertingRule[] = [];
  const alerts: PrometheusAlert[] = [];
  for (const g of (rules.data as RulesData).groups ?? []) {
    for (const r of g.rules ?? []) {
      if (r.type !== "alerting" || !r.name) continue;
      const forSec = typeof r.duration === "number" ? r.duration : 0;
      loaded.push({ name: r.name, query: r.query ?? "", forSec, severity: r.labels?.severity ?? null, health: r.health ?? "unknown", lastError: r.lastError || null });
      for (const a of r.alerts ?? []) {
        const activeAt = seconds(a.activeAt);
        alerts.push({ labels: { ...(a.labels ?? {}), alertname: a.labels?.alertname ?? r.name }, activeAt, firedAt: a.state === "firing" && activeAt !== null ? activeAt + forSec : null, resolvedAt: null });
      }
    }
  }
  for (const s of spans.data) {
    const samples = s.values.filter(([, v]) => v !== null);
    if (!samples.length) continue;
    const last = samples[samples.length - 1][0];
    // A series with no sample in the last two steps (plus a scrape's lag) has ended: the alert resolved.
    const ended = last < now - 2 * step - 2;
    alerts.push({ labels: s.labels, activeAt: null, firedAt: samples[0][0], resolvedAt: ended ? last + step : null });
  }
  return { ok: true, rules: loaded, alerts };
}
