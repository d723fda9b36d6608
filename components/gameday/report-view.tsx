import type { ReportModel } from "@/lib/reports/report-model";
import { summarySentence } from "@/lib/reports/summarise";
import { INJECTION_POINT_LABELS, type InjectionPoint } from "@/lib/gameday/schemas";

const day = (iso: string) => iso.slice(0, 10);
const time = (iso: string) => iso.slice(11, 19);

/** The postmortem report as a page (printable); the Markdown export renders the same model. */
export function ReportView({ report: r }: { report: ReportModel }) {
  return (
    <article className="report" aria-label="Postmortem report">
      <h1>GameDay report: {r.gameDay.title}</h1>
      <p className="muted">
        {day(r.gameDay.date)} · {r.gameDay.systemUnderTest}
      </p>
      <section>
        <h2>Summary</h2>
        <p className="summary-box" data-testid="report-summary">
          {summarySentence(r.summary)}
        </p>
      </section>
      <section>
        <h2>Goals</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{r.gameDay.goals}</p>
        <h3>Participants</h3>
        <p>{r.participants.map((p) => p.name).join(", ")}</p>
      </section>
      <section>
        <h2>Failure modes</h2>
        {r.failureModes.length === 0 ? (
          <p className="muted">None were brainstormed.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Failure mode</th>
                <th>Injected at</th>
                <th>Votes</th>
                <th>Hypothesis (estimate)</th>
              </tr>
            </thead>
            <tbody>
              {r.failureModes.map((f) => (
                <tr key={f.id}>
                  <td>{f.title}</td>
                  <td>{INJECTION_POINT_LABELS[f.injectionPoint as InjectionPoint] ?? f.injectionPoint}</td>
                  <td>{f.votes}</td>
                  <td>{f.estimate ? `${f.estimate.hypothesis} (severity ${f.estimate.severity})` : "not estimated"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Experiments</h2>
        {r.experiments.length === 0 && <p className="muted">No experiments were planned.</p>}
        {r.experiments.map((e) => (
          <div key={e.title} style={{ marginBottom: "1.5rem" }}>
            <h3>{e.title}</h3>
            <p>
              <strong>Hypothesis:</strong> {e.hypothesis}
            </p>
            <p>
              <strong>Method:</strong> {e.faults.map((f) => f.label).join("; ")} for {e.durationSec} s
            </p>
            {e.runs.length === 0 && <p className="muted">Not run.</p>}
            {e.runs.map((run) => (
              <div key={run.id} className="card" style={{ marginBottom: "0.75rem" }}>
                <p>
                  <strong>Run</strong> {run.startedAt ? `${day(run.startedAt)} ${time(run.startedAt)} UTC` : ""} — {run.status},{" "}
                  {run.hypothesisHeld === null ? "measured impact not recorded" : run.hypothesisHeld ? "hypothesis held" : "hypothesis disproved"}
                </p>
                {run.differences.length > 0 && (
                  <table>
                    <thead>
                      <tr>
                        <th></th>
                        <th>Estimated</th>
                        <th>Measured</th>
                        <th>Difference</th>
                      </tr>
                    </thead>
                    <tbody>
                      {run.differences.map((d) => (
                        <tr key={d.field}>
                          <td>{d.label}</td>
                          <td>{d.expected}</td>
                          <td>{d.measured}</td>
                          <td className={d.verdict === "worse" ? "worse" : d.verdict === "better" ? "better" : ""}>{d.delta}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {run.notes && <p>{run.notes}</p>}
                <details>
                  <summary>Timeline ({run.timeline.length} events)</summary>
                  <ol className="timeline">
                    {run.timeline.map((t, i) => (
                      <li key={i}>
                        <time>{time(t.at)}</time>
                        <span className="badge">{t.type}</span>
                        <span>
                          {t.message}
                          {t.actor && <span className="muted"> — {t.actor}</span>}
                        </span>
                      </li>
                    ))}
                  </ol>
                </details>
              </div>
            ))}
          </div>
        ))}
      </section>
      <section>
        <h2>Follow-ups</h2>
        {r.followUps.length === 0 ? (
          <p className="muted">No follow-ups were filed.</p>
        ) : (
          <ul>
            {r.followUps.map((f, i) => (
              <li key={i}>
                <strong>{f.key}</strong> {f.title} — {f.status}
                {f.failureMode && <span className="muted"> ({f.failureMode})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="small muted">Generated by Firedrill at {r.generatedAt}.</p>
    </article>
  );
}
