import { describe, expect, it } from "vitest";
import { renderReportDocument, renderReportHtml } from "./render-html";
import { renderChartSvg } from "./render-chart-svg";
import { renderMarkdown } from "./render-markdown";
import { findingsFromResults } from "./findings";
import { reportFixture } from "./report-fixture";
import type { ReportChart } from "./report-model";
import type { ResultRow } from "@/lib/gameday/results";

const chart: ReportChart = {
  title: "Checkout error ratio",
  unit: "%",
  series: [{ name: "5xx <ratio>", points: [[0, 0.1], [30_000, 4.2], [60_000, 0.3]] }],
  faultWindow: { start: 10_000, end: 40_000 },
};

describe("HTML report", () => {
  it("escapes user text and shows the summary, the estimate-vs-measured table and the follow-ups", () => {
    const r = reportFixture();
    r.gameDay.title = `<script>alert("x")</script>`;
    const html = renderReportHtml(r);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain('data-testid="report-summary">The team brainstormed 2 failure modes');
    expect(html).toContain("<caption>Estimated vs measured impact</caption>");
    expect(html).toContain('<tr data-verdict="worse"><td>Severity</td><td>2</td><td>3</td><td class="worse">+1 level ⚠ worse</td></tr>');
    expect(html).toContain("<strong>Targets:</strong> namespace demo; labels app=checkout; 1 picked at random");
    expect(html).toContain("<td>FD-1</td><td>Add alert</td>");
  });

  it("draws charts as inline SVG with the fault window only when a run has them", () => {
    const r = reportFixture();
    expect(renderReportHtml(r)).not.toContain("<svg");
    r.experiments[0].runs[0].charts = [chart];
    const html = renderReportDocument(r);
    expect(html).toContain('<figure class="chart"><svg');
    expect(html).toContain("<title>Fault active</title>");
    expect(html).toContain("5xx &lt;ratio&gt;");
    expect(renderMarkdown(r)).toContain("![Checkout error ratio](data:image/svg+xml;base64,");
  });

  it("places the fault window between the series' first and last sample", () => {
    const svg = renderChartSvg(chart);
    const rect = /<rect x="([\d.]+)" y="\d+" width="([\d.]+)"/.exec(svg)!;
    const [x, w] = [Number(rect[1]), Number(rect[2])];
    // 10 s into a 60 s axis that starts at x=48 and is 580 wide.
    expect(x).toBeCloseTo(48 + (580 * 10) / 60, 0);
    expect(w).toBeCloseTo((580 * 30) / 60, 0);
  });
});

describe("findings", () => {
  const row = (over: Partial<ResultRow>): ResultRow => ({
    runId: "r1",
    runStatus: "completed",
    endedAt: null,
    experimentId: "e1",
    inconclusive: null,
    experimentTitle: "Kill a pod",
    hypothesis: "errors < 1%",
    failureMode: { id: "f1", title: "Pod dies" },
    estimate: null,
    measured: { severity: 3, userImpact: "degraded", alertFired: false, timeToDetectMin: null, timeToRecoverMin: 8, hypothesisHeld: false, notes: "Alert never fired" },
    differences: reportFixture().experiments[0].runs[0].differences,
    ...over,
  });

  it("makes one finding per measurement that went worse, with stable keys", () => {
    const f = findingsFromResults([row({})]);
    expect(f.map((x) => x.key)).toEqual(["r1:f1:severity", "r1:f1:alert"]);
    expect(f[1]).toMatchObject({ title: "Pod dies: alert worse than estimated", detail: "Alert: estimated fires, measured did not fire (did not fire).", runId: "r1", failureModeId: "f1" });
  });

  it("records a disproved hypothesis with nothing measurably worse, and nothing for a held one", () => {
    expect(findingsFromResults([row({ differences: [] })]).map((x) => x.title)).toEqual(["Pod dies: hypothesis disproved"]);
    expect(findingsFromResults([row({ differences: [], measured: { ...row({}).measured!, hypothesisHeld: true } })])).toEqual([]);
    expect(findingsFromResults([row({ measured: null })])).toEqual([]);
  });

  it("makes a run whose fault never took effect one finding about the fault, never 'disproved' or 'worse'", () => {
    const f = findingsFromResults([row({ inconclusive: "Inconclusive: the fault did not take effect." })]);
    expect(f).toEqual([{ key: "r1:f1:not-in-effect", title: "Pod dies: the fault did not take effect", detail: 'Inconclusive: the fault did not take effect. The hypothesis "errors < 1%" was not tested; fix the fault and run it again.', runId: "r1", failureModeId: "f1" }]);
  });
});

describe("an inconclusive run in the report", () => {
  it("is said on top, replaces the verdict, and lists per target what the cluster reported", () => {
    const r = reportFixture();
    const run = { ...r.experiments[0].runs[0], hypothesisHeld: null, inconclusive: "Inconclusive: the fault did not take effect.", confirmations: [{ fault: "CPU / memory stress", target: "Pod demo/checkout-1", effect: "failed", detail: 'The fault container cannot start: RunContainerError: exec: "sh": executable file not found in $PATH.', recovery: "recovered" }] };
    const model = { ...r, experiments: [{ ...r.experiments[0], runs: [run] }], summary: { ...r.summary, inconclusive: 1 } };
    const html = renderReportHtml(model);
    expect(html.indexOf("1 run was inconclusive: the fault did not take effect")).toBeGreaterThan(-1);
    expect(html.indexOf("1 run was inconclusive")).toBeLessThan(html.indexOf("Summary"));
    expect(html).toContain("Inconclusive: the fault did not take effect</span>");
    expect(html).toContain("exec: &quot;sh&quot;: executable file not found");
    const md = renderMarkdown(model);
    expect(md.split("\n").slice(0, 6).join("\n")).toContain("> **⚠ 1 run was inconclusive: the fault did not take effect, so its hypothesis was not tested.**");
    expect(md).toContain("| CPU / memory stress | Pod demo/checkout-1 | failed: The fault container cannot start");
  });
});
