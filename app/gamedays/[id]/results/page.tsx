import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getResults } from "@/lib/gameday/results";
import { RUN_STATUS_LABELS } from "@/lib/runs/status";
import { USER_IMPACT_LABELS, type UserImpact } from "@/lib/gameday/impact";
import { RunCharts } from "@/components/metrics/run-charts";
import { EstimateVsMeasured } from "@/components/gameday/estimate-vs-measured";

export const metadata = { title: "Estimate vs measured" };

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const rows = await orNotFound(() => getResults(user, id));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Estimate vs measured</h2>
          <p>What the room expected beside what really happened. Worse than expected is a finding: file a follow-up for it.</p>
        </div>
      </div>
      {rows.length === 0 && (
        <div className="empty">
          <strong>No finished runs yet</strong>Results appear here once a run has ended and its measured impact is recorded.
        </div>
      )}
      <div className="stack">
        {rows.map((r) => (
          <section key={`${r.runId}-${r.failureMode?.id ?? "none"}`} className="card" aria-label={`Result: ${r.experimentTitle}`}>
            <div className="row">
              <h3 style={{ margin: 0 }}>{r.experimentTitle}</h3>
              {r.failureMode && <span className="badge">{r.failureMode.title}</span>}
              <span className="badge">{RUN_STATUS_LABELS[r.runStatus]}</span>
              {r.inconclusive ? (
                <span className="badge badge-danger" data-testid="result-inconclusive">inconclusive: the fault did not take effect</span>
              ) : (
                r.measured && <span className={`badge ${r.measured.hypothesisHeld ? "badge-ok" : "badge-danger"}`}>hypothesis {r.measured.hypothesisHeld ? "held" : "disproved"}</span>
              )}
              <span className="spacer" />
              <Link href={`/gamedays/${id}/runs/${r.runId}`}>Run →</Link>
            </div>
            {r.runStatus !== "draft" && <RunCharts runId={r.runId} live={false} />}
            {!r.measured && <p className="muted">Measured impact not recorded yet. <Link href={`/gamedays/${id}/runs/${r.runId}`}>Record it on the run page.</Link></p>}
            {r.measured && !r.estimate && (
              <>
                <p>
                  Measured: severity {r.measured.severity}, {USER_IMPACT_LABELS[r.measured.userImpact as UserImpact] ?? r.measured.userImpact}, alert {r.measured.alertFired ? "fired" : "did not fire"}
                  {r.measured.timeToDetectMin !== null && `, detected after ${r.measured.timeToDetectMin} min`}
                  {r.measured.timeToRecoverMin !== null && `, recovered after ${r.measured.timeToRecoverMin} min`}.
                </p>
                <p className="muted small">No estimate to compare with{r.failureMode ? " for this failure mode: estimate it on the Estimate step" : ": link the experiment to a failure mode with an estimate"}.</p>
              </>
            )}
            {r.differences.length > 0 && <EstimateVsMeasured rows={r.differences} style={{ marginTop: "0.75rem" }} />}
            {r.measured?.notes && <p style={{ marginTop: "0.75rem" }}>{r.measured.notes}</p>}
            <Link className="btn btn-small" href={`/gamedays/${id}/follow-ups?run=${r.runId}${r.failureMode ? `&failureMode=${r.failureMode.id}` : ""}`}>
              File a follow-up
            </Link>
          </section>
        ))}
      </div>
    </main>
  );
}
