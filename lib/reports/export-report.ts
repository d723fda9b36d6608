import "server-only";
import crypto from "node:crypto";
import type { ReportModel } from "./report-model";
import type { ReportFormat } from "./schemas";
import { renderMarkdown } from "./render-markdown";
import { renderReportDocument } from "./render-html";
import { renderPdf } from "./render-pdf";

export interface ReportFile {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
}

/** Renders the report in one of its download formats, with a file name made from the GameDay's title. */
export async function exportReport(report: ReportModel, format: ReportFormat): Promise<ReportFile> {
  const name = `${report.gameDay.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "gameday"}-report`;
  switch (format) {
    case "markdown":
      return { body: renderMarkdown(report), contentType: "text/markdown; charset=utf-8", filename: `${name}.md` };
    case "html":
      return { body: renderReportDocument(report), contentType: "text/html; charset=utf-8", filename: `${name}.html` };
    case "pdf": {
      const pdf = await renderPdf(renderReportDocument(report), { title: `GameDay report: ${report.gameDay.title}`, version: reportVersion(report) });
      return { body: new Uint8Array(pdf), contentType: "application/pdf", filename: `${name}.pdf` };
    }
  }
}

/**
 * The version of a report: a hash of everything it shows but the time it was
 * generated, so a share link asked for 50 times renders one PDF, and any
 * change (a new run, a follow-up's status) makes a new one.
 */
export function reportVersion(report: ReportModel): string {
  return crypto.createHash("sha256").update(JSON.stringify({ ...report, generatedAt: null })).digest("hex");
}
