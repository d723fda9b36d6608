import { describe, expect, it } from "vitest";
import { renderChartSvg } from "./render-chart-svg";

const T = Date.UTC(2026, 11, 7, 8, 0, 0);
const chart = (markers?: { at: number; label: string }[]) => ({ title: "Error ratio", unit: "", series: [{ name: "Error ratio", points: [[T, 0], [T + 60_000, 0.4], [T + 120_000, 0]] as [number, number][] }], faultWindow: { start: T + 10_000, end: T + 70_000 }, markers });

describe("report charts with alert markers", () => {
  it("draws each alert that fired or paged as a dashed, labelled line", () => {
    const svg = renderChartSvg(chart([{ at: T + 17_000, label: "CheckoutErrorRatioHigh fired" }, { at: T + 18_000, label: "CheckoutErrorRatioHigh paged" }]));
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(2);
    expect(svg).toContain("CheckoutErrorRatioHigh fired");
    expect(svg).toContain("CheckoutErrorRatioHigh paged");
  });

  it("leaves out a marker outside the chart's time range, and draws none without alerts", () => {
    expect(renderChartSvg(chart([{ at: T + 600_000, label: "Late fired" }]))).not.toContain("Late fired");
    expect(renderChartSvg(chart())).not.toContain("stroke-dasharray");
  });
});
