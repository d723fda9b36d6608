/** Per-ticket outcome of filing or retrying follow-ups: what was created, and why each failure failed. */
export function FilingResult({ report }: { report: { results: { title: string; key: string | null }[]; errors: { title: string; code: string; message: string }[] } }) {
  return (
    <div role="status" aria-label="Filing result" className="stack" style={{ gap: "0.5rem", marginTop: "0.75rem" }}>
      {report.results.length > 0 && (
        <div className="alert alert-ok">
          {report.results.length} ticket{report.results.length === 1 ? "" : "s"} in the tracker: {report.results.map((r) => r.key ?? r.title).join(", ")}
        </div>
      )}
      {report.errors.length > 0 && (
        <div className="alert alert-error">
          {report.errors.length} not filed yet (saved; retry later):
          <ul style={{ margin: "0.25rem 0 0" }}>
            {report.errors.map((e, i) => (
              <li key={i} data-code={e.code}>
                <strong>{e.title}</strong>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
