import "server-only";
import { promGet, promQueryRangeSeries, type PromEndpoint } from "@/lib/metrics/prometheus";
import { chooseStep } from "@/lib/metrics/series";
import { sameAlert } from "./alert-identity";

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
  // Firing now, as the rules API says at this evaluation (ALERTS lags it by staleness).
  const firingNow = alerts.filter((a) => a.firedAt !== null);
  const gap = 2 * step + 2; // two steps plus a scrape's lag without a sample: the series had ended there
  for (const s of spans.data) {
    const samples = s.values.filter(([, v]) => v !== null).map(([t]) => t);
    // One series per label set: an alert that fired, resolved and fired again
    // is one series with a gap, and each episode is a span of its own.
    let start = 0;
    for (let i = 1; i <= samples.length; i++) {
      if (i < samples.length && samples[i] - samples[i - 1] <= gap) continue;
      const last = samples[i - 1];
      const isLast = i === samples.length;
      // The last episode is over once its samples stop, or as soon as the rules API no longer has it firing.
      const ended = !isLast || last < now - gap || !firingNow.some((a) => sameAlert(a.labels, s.labels));
      alerts.push({ labels: s.labels, activeAt: null, firedAt: samples[start], resolvedAt: ended ? last + step : null });
      start = i;
    }
  }
  return { ok: true, rules: loaded, alerts };
}
