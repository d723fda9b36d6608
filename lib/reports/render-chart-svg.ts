import type { ReportChart } from "./report-model";
import { h, toHtml, type ReportElement, type ReportNode } from "./report-node";

const W = 640;
const H = 220;
const PAD = { left: 48, right: 12, top: 24, bottom: 28 };
const COLOURS = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777"];

/**
 * A metric snapshot as a standalone SVG line chart with the fault window
 * shaded, so it prints as vector graphics in the PDF and embeds in Markdown.
 * Times are shown in UTC, like the rest of the report.
 */
export function renderChartSvg(chart: ReportChart): string {
  return toHtml(chartSvg(chart));
}

/** The chart as report nodes (the report page renders them with React, the downloads as markup). */
export function chartSvg(chart: ReportChart): ReportElement {
  const points = chart.series.flatMap((s) => s.points);
  const title = h("text", { x: PAD.left, y: 16, "font-size": 13, "font-weight": 600 }, chart.title, chart.unit ? ` (${chart.unit})` : null);
  if (points.length === 0) {
    return svg([title, h("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 12, fill: "#666" }, "No samples in this snapshot")], chart.title);
  }
  const times = points.map((p) => p[0]);
  const values = points.map((p) => p[1]);
  const t0 = Math.min(...times, chart.faultWindow?.start ?? Infinity);
  const t1 = Math.max(...times, chart.faultWindow?.end ?? -Infinity);
  const vMin = Math.min(0, ...values);
  const vMax = Math.max(...values) === vMin ? vMin + 1 : Math.max(...values);
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - vMin) / (vMax - vMin)) * (H - PAD.top - PAD.bottom);
  const parts: ReportNode[] = [title];
  if (chart.faultWindow) {
    const fx = x(chart.faultWindow.start);
    const fw = Math.max(1, x(chart.faultWindow.end) - fx);
    parts.push(h("rect", { x: n(fx), y: PAD.top, width: n(fw), height: H - PAD.top - PAD.bottom, fill: "#dc2626", "fill-opacity": "0.12" }, h("title", null, "Fault active")));
    parts.push(h("text", { x: n(fx + 4), y: PAD.top + 12, "font-size": 10, fill: "#b91c1c" }, "fault"));
  }
  for (const v of [vMin, (vMin + vMax) / 2, vMax]) {
    parts.push(h("line", { x1: PAD.left, x2: W - PAD.right, y1: n(y(v)), y2: n(y(v)), stroke: "#ddd", "stroke-width": 1 }));
    parts.push(h("text", { x: PAD.left - 6, y: n(y(v) + 4), "text-anchor": "end", "font-size": 10, fill: "#555" }, fmt(v)));
  }
  for (const t of [t0, t1]) {
    parts.push(h("text", { x: n(x(t)), y: H - 10, "text-anchor": t === t0 ? "start" : "end", "font-size": 10, fill: "#555" }, new Date(t).toISOString().slice(11, 19)));
  }
  for (const [i, m] of (chart.markers ?? []).entries()) {
    if (m.at < t0 || m.at > t1) continue;
    const mx = n(x(m.at));
    parts.push(h("line", { x1: mx, x2: mx, y1: PAD.top, y2: H - PAD.bottom, stroke: "#d97706", "stroke-width": 1.5, "stroke-dasharray": "4 3" }, h("title", null, m.label)));
    parts.push(h("text", { x: n(x(m.at) + 3), y: PAD.top + 24 + (i % 3) * 11, "font-size": 9, fill: "#b45309" }, m.label));
  }
  chart.series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map((p, j) => `${j ? "L" : "M"}${n(x(p[0]))},${n(y(p[1]))}`).join("");
    parts.push(h("path", { d, fill: "none", stroke: COLOURS[i % COLOURS.length], "stroke-width": "1.5" }));
    parts.push(h("text", { x: W - PAD.right, y: 16 + i * 12, "text-anchor": "end", "font-size": 10, fill: COLOURS[i % COLOURS.length] }, s.name));
  });
  return svg(parts, chart.title);
}

function svg(inner: ReportNode[], label: string): ReportElement {
  return h("svg", { xmlns: "http://www.w3.org/2000/svg", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": label, "font-family": "sans-serif" }, inner);
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));
