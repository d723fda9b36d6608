import type { ReportModel } from "@/lib/reports/report-model";
import { renderReportHtml } from "@/lib/reports/render-html";

// Report-only touches on top of the app's styles (the standalone download carries its own).
const PAGE_CSS = `
.report .meta { color: var(--text-muted); margin-top: 0; }
.report .pre { white-space: pre-wrap; }
.report .run { border: 1px solid var(--border); border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0.5rem 0 1rem; background: var(--bg-raised); }
.report caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
.report figure.chart { margin: 0.5rem 0; }
.report figure.chart svg { max-width: 100%; height: auto; background: #fff; border-radius: 4px; }
.report .generated { color: var(--text-muted); font-size: 0.875rem; }
@media print { .report .run, .report tr, .report figure { break-inside: avoid; } .report h2, .report h3 { break-after: avoid; } }
`;

/**
 * The postmortem report on a page. The markup comes from the same renderer as
 * the PDF and the HTML download (lib/reports/render-html.ts, which escapes all
 * user text), so the screen and the printout cannot drift apart.
 */
export function ReportView({ report }: { report: ReportModel }) {
  return (
    <>
      <style>{PAGE_CSS}</style>
      <div dangerouslySetInnerHTML={{ __html: renderReportHtml(report) }} />
    </>
  );
}
