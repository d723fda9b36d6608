import "server-only";
import { db } from "@/lib/db/client";
import { addRunEvent, SYSTEM } from "@/lib/runs/lifecycle/timeline";
import { alertKey, identityLabels, sameAlert } from "./alert-identity";

/** What one read (Prometheus, Alertmanager or a webhook notification) says of one alert. */
export interface AlertObservation {
  labels: Record<string, string>;
  pendingAt?: number | null;
  firedAt?: number | null;
  /** Defined when this read knows whether it still fires: null while it does, the time it resolved once it did. */
  resolvedAt?: number | null;
  inAlertmanagerAt?: number | null;
  /** A webhook notification about it arrived at this time (firing notifications page). */
  notifiedAt?: number | null;
}

type Row = Awaited<ReturnType<typeof db.runAlert.findMany>>[number];

const at = (s: number) => new Date(Math.round(s * 1000));
const ago = (t: number, injectedAt: number) => {
  const d = Math.round(t - injectedAt);
  return d >= 0 ? `${d} s after injection` : `${-d} s before injection`;
};
const isUnique = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

async function rowFor(runId: string, rows: Row[], labels: Record<string, string>): Promise<Row> {
  const found = rows.find((r) => sameAlert(r.labels as Record<string, string>, labels));
  if (found) return found;
  const key = alertKey(labels);
  try {
    const row = await db.runAlert.create({ data: { runId, key, alertname: labels.alertname ?? "", labels: identityLabels(labels), severity: labels.severity ?? null } });
    rows.push(row);
    return row;
  } catch (error) {
    // A second replica or a webhook noted it first: use its row.
    if (!isUnique(error)) throw error;
    const row = await db.runAlert.findUniqueOrThrow({ where: { runId_key: { runId, key } } });
    rows.push(row);
    return row;
  }
}

/**
 * Records what reads say of a run's alerts. Every change is a conditional
 * update (the field still as this read found it), so two replicas, a poll and
 * a webhook racing each other write each fact once, and each fact once on the
 * timeline: fired, resolved, fired again, paged.
 */
export async function noteAlerts(runId: string, injectedAt: number, observations: AlertObservation[]): Promise<void> {
  if (!observations.length) return;
  const rows = await db.runAlert.findMany({ where: { runId } });
  for (const o of observations) {
    // Over before the faults went in (an earlier run's alert, still in the
    // baseline's ALERTS series): not this run's, neither detection nor noise.
    if (o.resolvedAt != null && o.resolvedAt < injectedAt && !rows.some((r) => sameAlert(r.labels as Record<string, string>, o.labels))) continue;
    const row = await rowFor(runId, rows, o.labels);
    const name = row.alertname;
    const severity = row.severity ? ` (severity ${row.severity})` : "";
    if (o.pendingAt != null && row.pendingAt === null) {
      await db.runAlert.updateMany({ where: { id: row.id, pendingAt: null }, data: { pendingAt: at(o.pendingAt) } });
      row.pendingAt = at(o.pendingAt);
    }
    if (o.firedAt != null && row.firedAt === null) {
      const preexisting = o.firedAt < injectedAt - 1;
      const { count } = await db.runAlert.updateMany({ where: { id: row.id, firedAt: null }, data: { firedAt: at(o.firedAt), preexisting } });
      row.firedAt = at(o.firedAt);
      row.preexisting = preexisting;
      if (count) await addRunEvent(runId, "observation", preexisting ? `Alert ${name}${severity} was already firing before injection (${ago(o.firedAt, injectedAt)}): it detects nothing of this run` : `Alert ${name}${severity} fired, ${ago(o.firedAt, injectedAt)}`, SYSTEM, { alertWatch: true, alert: name, alertEvent: "fired" });
    }
    if (o.resolvedAt !== undefined && row.firedAt !== null) {
      const now = row.resolvedAt?.getTime() ?? null;
      const next = o.resolvedAt === null ? null : Math.round(o.resolvedAt * 1000);
      if (now !== next) {
        const { count } = await db.runAlert.updateMany({ where: { id: row.id, resolvedAt: row.resolvedAt }, data: { resolvedAt: next === null ? null : new Date(next) } });
        row.resolvedAt = next === null ? null : new Date(next);
        if (count) await addRunEvent(runId, "observation", o.resolvedAt === null ? `Alert ${name} fires again` : `Alert ${name} resolved, ${ago(o.resolvedAt, injectedAt)}`, SYSTEM, { alertWatch: true, alert: name, alertEvent: o.resolvedAt === null ? "fired" : "resolved" });
      }
    }
    if (o.inAlertmanagerAt != null && row.inAlertmanagerAt === null) {
      await db.runAlert.updateMany({ where: { id: row.id, inAlertmanagerAt: null }, data: { inAlertmanagerAt: at(o.inAlertmanagerAt) } });
      row.inAlertmanagerAt = at(o.inAlertmanagerAt);
    }
    if (o.notifiedAt != null) {
      const first = row.notifiedAt === null;
      await db.runAlert.update({ where: { id: row.id }, data: { notifications: { increment: 1 } } });
      if (first) {
        const { count } = await db.runAlert.updateMany({ where: { id: row.id, notifiedAt: null }, data: { notifiedAt: at(o.notifiedAt) } });
        row.notifiedAt = at(o.notifiedAt);
        if (count) await addRunEvent(runId, "observation", `Alertmanager paged: ${name}${severity} reached Firedrill's receiver, ${ago(o.notifiedAt, injectedAt)}`, SYSTEM, { alertWatch: true, alert: name, alertEvent: "paged" });
      }
    }
  }
}
