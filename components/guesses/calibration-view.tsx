import Link from "next/link";
import type { CalibrationView as View } from "@/lib/gameday/guesses/load-calibration";
import { CalibrationCharts } from "./calibration-charts";

/** How good the team's (or one person's) estimates are, across GameDays. */
export function CalibrationView({ view, meId }: { view: View; meId: string }) {
  const c = view.calibration;
  const person = view.scope.kind === "person";
  const guessLabel = person ? (view.scope.kind === "person" && view.scope.userId === meId ? "Your guess" : "Their guess") : "The room's median guess";
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Calibration: {view.scope.name}</h1>
          <p>
            {view.scope.kind === "person" ? `${view.scope.name}'s own guesses` : "Everyone's own guesses"} (entered before each run, revealed at its end) against what was measured, across GameDays.
            {c.runs > 0 && ` ${c.guesses} ${c.guesses === 1 ? "guess" : "guesses"} over ${c.runs} ${c.runs === 1 ? "run" : "runs"} in ${c.gameDays} ${c.gameDays === 1 ? "GameDay" : "GameDays"}.`}
          </p>
        </div>
        <div className="row">
          {person ? (
            <Link className="btn" href="/calibration">
              The team
            </Link>
          ) : (
            <Link className="btn" href={`/calibration?person=${meId}`}>
              Mine
            </Link>
          )}
        </div>
      </div>
      {c.runs === 0 ? (
        <div className="empty" data-testid="calibration-empty">
          <strong>No revealed guesses yet</strong>
          {person ? "Guesses count here once their run has ended." : "Before a run, everyone enters their guess on the experiment's card; once the run ends it counts here."}
        </div>
      ) : (
        <>
          <section className="card calibration-summary" aria-label="Typical error" data-testid="calibration-summary">
            <p>{c.timeToDetectMin.sentence}</p>
            <p>{c.timeToRecoverMin.sentence}</p>
            <p>{c.willPage.sentence}</p>
          </section>
          <div className="calibration-grid">
            <CalibrationCharts title="Time to detect" points={c.points} metric={c.timeToDetectMin} guessLabel={guessLabel} />
            <CalibrationCharts title="Time to recover" points={c.points} metric={c.timeToRecoverMin} guessLabel={guessLabel} />
          </div>
        </>
      )}
      {view.people && view.people.length > 0 && (
        <section className="card" aria-label="People">
          <h3>Each person (facilitators and admins see this)</h3>
          <table>
            <thead>
              <tr>
                <th>Person</th>
                <th>Guesses</th>
                <th>Time to detect</th>
                <th>Time to recover</th>
                <th>Will it page</th>
              </tr>
            </thead>
            <tbody>
              {view.people.map((p) => (
                <tr key={p.userId}>
                  <td>
                    <Link href={`/calibration?person=${p.userId}`}>{p.name}</Link>
                  </td>
                  <td>{p.guesses}</td>
                  <td className="small">{p.timeToDetect}</td>
                  <td className="small">{p.timeToRecover}</td>
                  <td className="small">{p.willPage}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
