"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue } from "@/lib/metrics/series";
import type { ChartProbe, RunMetricsView } from "@/lib/metrics/run-metrics";

const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 19);
const MARKER_COLOURS: Record<string, string> = { inject: "#dc2626", stop: "#2563eb", abort: "#9333ea", revert: "#16a34a", "alert-fired": "#d97706", "alert-paged": "#db2777", "alert-resolved": "#0d9488" };
// A fault marker says what Firedrill did; an alert marker what the team's
// monitoring did, named by its alert ("CheckoutErrorRatioHigh fired").
const markerText = (m: { kind: string; label: string }) => (m.kind.startsWith("alert-") ? m.label : m.kind);

/**
 * One probe as a time series, sized to be read from across a room: the fault
 * window shaded, each injection, stop, abort and revert as a labelled line
 * (and each alert that fired, paged or resolved, dashed, by its name),
 * the threshold dashed. Animation is off: a chart redrawn every second must
 * not wobble.
 */
export function MetricChart({ probe, view, stale }: { probe: ChartProbe; view: Pick<RunMetricsView, "from" | "to" | "now" | "faultWindow" | "markers">; stale: boolean }) {
  const data = probe.points.map(([t, v]) => ({ t, v }));
  const count = probe.points.filter(([, v]) => v !== null).length;
  const fw = view.faultWindow;
  return (
    <figure className="metric-chart" data-testid="metric-chart" data-probe={probe.key} data-points={count} data-fault-window={fw ? `${fw.from}-${fw.to ?? "open"}` : "none"} style={{ margin: 0, opacity: stale ? 0.55 : 1 }}>
      <figcaption style={{ fontSize: "1.25rem", fontWeight: 600, display: "flex", gap: "1rem", alignItems: "baseline" }}>
        <span>{probe.name}</span>
        <span className="muted" style={{ fontSize: "1rem" }}>
          {probe.role === "abortConditions" ? "aborts when" : "holds when"} {probe.comparator} {formatValue(probe.threshold)} over {probe.windowSec} s
        </span>
        <span style={{ marginLeft: "auto", fontSize: "1.6rem" }} data-testid="latest-value">
          {formatValue(data.findLast((d) => d.v !== null)?.v ?? null)}
        </span>
      </figcaption>
      <div style={{ width: "100%", height: 300 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis dataKey="t" type="number" domain={[view.from, view.to]} tickFormatter={clock} tick={{ fontSize: 16 }} minTickGap={40} />
            <YAxis tick={{ fontSize: 16 }} tickFormatter={(v: number) => formatValue(v)} width={72} domain={[0, (max: number) => Math.max(max, probe.threshold) * 1.15]} allowDataOverflow={false} />
            {fw && <ReferenceArea x1={Math.max(fw.from, view.from)} x2={Math.min(fw.to ?? view.now, view.to)} fill="#dc2626" fillOpacity={0.12} label={{ value: "fault", position: "insideTopLeft", fontSize: 16, fill: "#dc2626" }} ifOverflow="hidden" />}
            <ReferenceLine y={probe.threshold} stroke="#ea580c" strokeDasharray="8 4" strokeWidth={2} label={{ value: `threshold ${formatValue(probe.threshold)}`, position: "insideTopRight", fontSize: 16, fill: "#ea580c" }} />
            {view.markers
              .filter((m) => m.at >= view.from && m.at <= view.to)
              .map((m, i) => (
                <ReferenceLine key={`${m.kind}-${i}`} x={m.at} stroke={MARKER_COLOURS[m.kind] ?? "#64748b"} strokeWidth={2} strokeDasharray={m.kind.startsWith("alert-") ? "4 3" : undefined} label={{ value: markerText(m), position: m.kind.startsWith("alert-") ? "insideTopLeft" : "top", fontSize: 14, fill: MARKER_COLOURS[m.kind] ?? "#64748b" }} data-marker={m.kind} />
              ))}
            <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(v) => formatValue(typeof v === "number" ? v : null)} />
            <Line type="linear" dataKey="v" name={probe.name} stroke="#0ea5e9" strokeWidth={3} dot={false} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
