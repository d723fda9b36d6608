"use client";

import { Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatValue } from "@/lib/metrics/series";
import { useRunMetrics } from "./use-run-metrics";

/**
 * The big screen's metrics strip: the first probe of the run as a compact
 * line with the fault window, threshold and the alerts that fired or paged,
 * and its latest value large. It
 * fills the slot the presenter layout reserves, so nothing moves when data
 * arrives or Prometheus goes away.
 */
export function PresenterChart({ runId, live }: { runId: string; live: boolean }) {
  const { data, error } = useRunMetrics(runId, live);
  const probe = data?.probes[0];
  if (error || data?.state === "unreachable") return <span data-testid="presenter-chart-state">Prometheus unreachable — the run is not affected.</span>;
  if (!data || !probe) return <span>{data?.message ?? "Live metrics appear here once a Prometheus source is connected."}</span>;
  const latest = probe.points.findLast(([, v]) => v !== null)?.[1] ?? null;
  const fw = data.faultWindow;
  return (
    <div style={{ display: "grid", gridTemplateColumns: "1fr auto", alignItems: "center", width: "100%", height: "100%", gap: "0.4em" }} data-testid="presenter-chart" data-points={probe.points.filter(([, v]) => v !== null).length}>
      <div style={{ width: "100%", height: "100%", minHeight: 0 }}>
        <ResponsiveContainer>
          <LineChart data={probe.points.map(([t, v]) => ({ t, v }))} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
            <XAxis dataKey="t" type="number" domain={[data.from, data.to]} hide />
            <YAxis hide domain={[0, (max: number) => Math.max(max, probe.threshold) * 1.15]} />
            {fw && <ReferenceArea x1={Math.max(fw.from, data.from)} x2={Math.min(fw.to ?? data.now, data.to)} fill="#dc2626" fillOpacity={0.18} ifOverflow="hidden" />}
            <ReferenceLine y={probe.threshold} stroke="#ea580c" strokeDasharray="6 3" strokeWidth={2} />
            {/* The team's alerting, as the room watches: a dashed line where an alert fired or paged. */}
            {data.markers
              .filter((m) => m.kind === "alert-fired" || m.kind === "alert-paged")
              .filter((m) => m.at >= data.from && m.at <= data.to)
              .map((m, i) => (
                <ReferenceLine key={`${m.kind}-${i}`} x={m.at} stroke={m.kind === "alert-paged" ? "#db2777" : "#d97706"} strokeDasharray="4 3" strokeWidth={3} label={{ value: m.label, position: "insideTopLeft", fontSize: 18, fill: m.kind === "alert-paged" ? "#db2777" : "#d97706" }} />
              ))}
            <Line dataKey="v" stroke="#0ea5e9" strokeWidth={3} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div style={{ textAlign: "right", lineHeight: 1.1 }}>
        <div style={{ fontSize: "1.6em", color: "var(--text)" }}>{formatValue(latest)}</div>
        <div className="pr-clamp-1">
          {probe.name} {probe.comparator} {formatValue(probe.threshold)}
        </div>
      </div>
    </div>
  );
}
