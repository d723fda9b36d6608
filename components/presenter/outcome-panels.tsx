"use client";

import type { PresenterModel } from "@/lib/live/presenter-model";
import { Empty } from "./plan-panels";

/** Measure: estimate beside measured, each difference called out. */
export function ResultsPanel({ model }: { model: PresenterModel }) {
  const shown = model.results.slice(-2);
  if (shown.length === 0) return <Empty title="No measured results yet" text="Record what really happened on the run page." />;
  return (
    <div className="pr-stack">
      {shown.map((r) => (
        <section key={r.key} className="pr-panel" aria-label={`Result: ${r.experimentTitle}`}>
          <div className="pr-row">
            <h2 className="pr-clamp-1">{r.experimentTitle}</h2>
            {r.held !== null && <span className={`pr-pill ${r.held ? "pr-ok" : "pr-bad"}`}>hypothesis {r.held ? "held" : "disproved"}</span>}
          </div>
          {r.rows.length > 0 ? (
            <table className="pr-table">
              <thead>
                <tr>
                  <th scope="col"></th>
                  <th scope="col">Estimated</th>
                  <th scope="col">Measured</th>
                  <th scope="col">Difference</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((d) => (
                  <tr key={d.label} data-verdict={d.verdict}>
                    <th scope="row">{d.label}</th>
                    <td>{d.expected}</td>
                    <td>{d.measured}</td>
                    <td className={d.verdict === "worse" ? "pr-bad-text" : d.verdict === "better" ? "pr-ok-text" : ""}>
                      {d.delta}
                      {d.verdict === "worse" && " ⚠"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="pr-sub">No estimate to compare with.</p>
          )}
        </section>
      ))}
    </div>
  );
}

/** Follow-ups and report: the tickets being written, and the day in figures. */
export function FollowUpsPanel({ model, report }: { model: PresenterModel; report: boolean }) {
  const held = model.results.filter((r) => r.held).length;
  return (
    <div className="pr-grid pr-grid-outcome">
      <section className="pr-panel" aria-label="Follow-ups">
        <h2>Follow-ups ({model.followUps.length})</h2>
        {model.followUps.length === 0 ? (
          <p className="pr-sub">None yet: file one for each finding.</p>
        ) : (
          <ul className="pr-tickets">
            {model.followUps.slice(-6).map((f) => (
              <li key={f.id}>
                <span className="pr-key">{f.key}</span>
                <span className="pr-clamp-1">{f.title}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="pr-panel" aria-label="The day in figures">
        <h2>{report ? "Report" : "So far"}</h2>
        <dl className="pr-figures-grid pr-figures-2">
          <div>
            <dt>Failure modes</dt>
            <dd>{model.cardCount}</dd>
          </div>
          <div>
            <dt>Experiments</dt>
            <dd>{model.experimentCount}</dd>
          </div>
          <div>
            <dt>Hypotheses held</dt>
            <dd>
              {held} / {model.results.length}
            </dd>
          </div>
          <div>
            <dt>Follow-ups</dt>
            <dd>{model.followUps.length}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
