import { describe, expect, it } from "vitest";
import { renderReportDocument, renderReportHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import { reportFixture } from "./report-fixture";

// Tracker URLs come from the tracker's answer; titles, goals and notes from anyone on the team.
const HOSTILE_URLS = [
  "javascript:alert(document.cookie)",
  " JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "&#106;avascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "//evil.example/x",
];
const HOSTILE_TEXT = `<img src=x onerror=alert(1)><script>alert(2)</script>[click](javascript:alert(3)) <a href="javascript:alert(4)">x</a>`;

function hostileReport() {
  const r = reportFixture();
  r.gameDay.title = HOSTILE_TEXT;
  r.gameDay.goals = HOSTILE_TEXT;
  r.experiments[0].runs[0].notes = HOSTILE_TEXT;
  r.experiments[0].runs[0].timeline[0].message = HOSTILE_TEXT;
  r.followUps = [
    ...HOSTILE_URLS.map((url, i) => ({ key: `BAD-${i}`, title: HOSTILE_TEXT, status: "open", url, failureMode: null })),
    { key: "OK-1", title: "A real ticket", status: "open", url: "https://github.com/acme/shop/issues/1", failureMode: null },
  ];
  return r;
}

const hrefs = (html: string) => [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);

describe("report links and user text at the sink", () => {
  it("HTML: a tracker URL with another scheme is plain text, not a link; https stays a link", () => {
    for (const html of [renderReportHtml(hostileReport()), renderReportDocument(hostileReport())]) {
      expect(hrefs(html)).toEqual(["https://github.com/acme/shop/issues/1"]);
      expect(html).toContain("<td>BAD-0</td>");
      expect(html).not.toMatch(/<(script|img)\b/i);
      expect(html).not.toMatch(/<a\b[^>]*javascript/i);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;");
    }
  });

  it("Markdown: no raw HTML from user text, and link targets obey the same allow-list", () => {
    const md = renderMarkdown(hostileReport());
    const targets = [...md.matchAll(/(?<!\\)\](?:\(<?)([^)>\s]*)/g)].map((m) => m[1]).filter((t) => !t.startsWith("data:image/svg+xml;base64,"));
    expect(targets).toEqual(["https://github.com/acme/shop/issues/1"]);
    expect(md).not.toMatch(/(^|[^\\])<(img|script|a)\b/i);
    expect(md).not.toMatch(/(^|[^\\])\[click\]/);
    expect(md).toContain("| BAD-0 |");
    for (const bad of ["javascript:alert(document.cookie)", "vbscript:", "file:///", "data:text/html"]) expect(md).not.toContain(`(${bad}`);
  });
});
