import "server-only";
import { db } from "@/lib/db/client";
import type { ReportChart } from "@/lib/reports/report-model";
import { formatValue } from "./series";
import { runMarkers } from "./run-window";

/**
 * Report charts of every run of a GameDay, from the snapshots stored when the
 * runs ended (never from Prometheus: a report must outlive its retention).
 */
export async function reportChartsByRun(gameDayId: string): Promise<Map<string, ReportChart[]>> {
  const runs = await db.run.findMany({ where: { experiment: { gameDayId } }, include: { metricSnapshots: { orderBy: { probeKey: "asc" } }, events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, alerts: true } });
  const out = new Map<string, ReportChart[]>();
  for (const run of runs) {
    if (run.metricSnapshots.length === 0) continue;
    const { faultWindow } = runMarkers(run);
    // What the team's alerting did, on the same time axis (lib/alerts); alerts already firing before injection detect nothing and are left out.
    const markers = run.alerts
      .filter((a) => !a.preexisting)
      .flatMap((a) => [
        ...(a.firedAt ? [{ at: a.firedAt.getTime(), label: `${a.alertname} fired` }] : []),
        ...(a.notifiedAt ? [{ at: a.notifiedAt.getTime(), label: `${a.alertname} paged` }] : []),
      ]);
    out.set(
      run.id,
      run.metricSnapshots.map((s) => ({
        title: `${s.name} (${s.probeKey.startsWith("abort") ? "aborts when" : "holds when"} ${s.comparator} ${formatValue(s.threshold)} over ${s.windowSec} s)`,
        unit: "",
        series: [{ name: s.name, points: (s.points as [number, number | null][]).filter((p): p is [number, number] => p[1] !== null).map(([t, v]) => [t * 1000, v]) }],
        faultWindow: faultWindow ? { start: faultWindow.from * 1000, end: (faultWindow.to ?? s.coversTo.getTime() / 1000) * 1000 } : null,
        markers: markers.filter((m) => m.at >= s.coversFrom.getTime() && m.at <= s.coversTo.getTime()),
      })),
    );
  }
  return out;
}
