"use client";

/** Downloads and print for a report; `base` is where the formats live (/gamedays/:id/report or /share/:token). */
export function ReportToolbar({ base }: { base: string }) {
  return (
    <div className="row no-print" role="toolbar" aria-label="Report downloads" style={{ justifyContent: "flex-end", marginBottom: "1rem" }}>
      <a className="btn btn-primary" href={`${base}/pdf`} download>
        Download PDF
      </a>
      <a className="btn" href={`${base}/markdown`} download>
        Download Markdown
      </a>
      <a className="btn" href={`${base}/html`} download>
        Download HTML
      </a>
      <button type="button" className="btn btn-ghost" onClick={() => window.print()}>
        Print
      </button>
    </div>
  );
}
