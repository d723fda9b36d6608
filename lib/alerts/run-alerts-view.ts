import "server-only";
import { db } from "@/lib/db/client";
import type { RunMarker } from "@/lib/metrics/run-window";
import { measureAlerts, type AlertMeasures, type SeenAlert } from "./alert-measures";

/** A run's alerts for its views: what was watched, each alert, the measures and the chart markers. */
export interface RunAlertsView {
  /** Alerting rules the Prometheus had loaded when the run was first watched (empty: none, or never watched). */
  rules: string[];
  alerts: SeenAlert[];
  measures: AlertMeasures;
  markers: RunMarker[];
}

const sec = (d: Date | null) => (d ? d.getTime() / 1000 : null);

/** Reads what lib/alerts recorded for a run and measures it against the injection time. */
export async function loadRunAlerts(runId: string, injectedAt: number): Promise<RunAlertsView> {
  const [rows, watching] = await Promise.all([
    db.runAlert.findMany({ where: { runId }, orderBy: [{ firedAt: "asc" }, { createdAt: "asc" }] }),
    db.runEvent.findFirst({ where: { runId, type: "observation", message: { startsWith: "Watching alerts" } }, select: { data: true } }),
  ]);
  const alerts: SeenAlert[] = rows.map((r) => ({
    alertname: r.alertname,
    labels: r.labels as Record<string, string>,
    severity: r.severity,
    pendingAt: sec(r.pendingAt),
    firedAt: sec(r.firedAt),
    resolvedAt: sec(r.resolvedAt),
    inAlertmanagerAt: sec(r.inAlertmanagerAt),
    notifiedAt: sec(r.notifiedAt),
    notifications: r.notifications,
    preexisting: r.preexisting,
  }));
  const rules = ((watching?.data as { alertRules?: string[] } | null)?.alertRules ?? []).filter((x) => typeof x === "string");
  const markers: RunMarker[] = alerts
    .filter((a) => !a.preexisting)
    .flatMap((a) => [
      ...(a.firedAt !== null ? [{ at: a.firedAt, kind: "alert-fired" as const, label: `${a.alertname} fired` }] : []),
      ...(a.notifiedAt !== null ? [{ at: a.notifiedAt, kind: "alert-paged" as const, label: `${a.alertname} paged` }] : []),
      ...(a.resolvedAt !== null ? [{ at: a.resolvedAt, kind: "alert-resolved" as const, label: `${a.alertname} resolved` }] : []),
    ])
    .sort((a, b) => a.at - b.at);
  // Paging is measured where the source had a receiver when the run was first watched, or a notification arrived anyway.
  const receiver = (watching?.data as { receiver?: unknown } | null)?.receiver === true || alerts.some((a) => a.notifiedAt !== null);
  return { rules, alerts, measures: measureAlerts(alerts, injectedAt, watching !== null || rows.length > 0, receiver), markers };
}
