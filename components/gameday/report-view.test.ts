import { createElement, isValidElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { reportFixture } from "@/lib/reports/report-fixture";
import { ReportView } from "./report-view";

function report() {
  const r = reportFixture();
  r.gameDay.title = `<img src=x onerror=alert(1)>`;
  r.followUps = [
    { key: "JS", title: "t", status: "open", url: "javascript:alert(document.cookie)", failureMode: null },
    { key: "DATA", title: "t", status: "open", url: "data:text/html,<script>alert(1)</script>", failureMode: null },
    { key: "VB", title: "t", status: "open", url: "vbscript:msgbox(1)", failureMode: null },
    { key: "OK", title: "t", status: "open", url: "https://github.com/acme/shop/issues/1", failureMode: null },
  ];
  r.experiments[0].runs[0].charts = [{ title: "Errors <b>", unit: "%", series: [{ name: "5xx", points: [[0, 1], [1000, 2]] }], faultWindow: null }];
  return r;
}

function injectsHtml(node: ReactNode): boolean {
  if (Array.isArray(node)) return node.some(injectsHtml);
  if (!isValidElement(node)) return false;
  const props = node.props as { dangerouslySetInnerHTML?: unknown; children?: ReactNode };
  return props.dangerouslySetInnerHTML !== undefined || injectsHtml(props.children);
}

describe("ReportView (report page and share page)", () => {
  it("renders the report with React: no markup string is injected", () => {
    expect(injectsHtml(ReportView({ report: report() }))).toBe(false);
  });

  it("links only allowed schemes and escapes user text", () => {
    const html = renderToStaticMarkup(createElement(ReportView, { report: report() }));
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(["https://github.com/acme/shop/issues/1"]);
    expect(html).toContain("<td>JS</td>");
    expect(html).not.toMatch(/<img\b/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The chart is still drawn as SVG, its title as text.
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 640 220"/);
    expect(html).toContain("Errors &lt;b&gt; (%)");
  });
});
