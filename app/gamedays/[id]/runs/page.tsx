import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { listRuns } from "@/lib/runs/run-views";
import { RUN_STATUS_LABELS, isLive } from "@/lib/runs/status";
import { can } from "@/lib/auth/roles";
import { ActionButton } from "@/components/ui/action-button";
import { stopGameDayAction } from "./actions";

export const metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const runs = await orNotFound(() => listRuns(user, id));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Runs</h2>
          <p>Every execution of an experiment, live or finished. Start runs from the experiments page.</p>
        </div>
        <div className="row">
          <Link className="btn" href={`/gamedays/${id}/experiments`}>
            Experiments
          </Link>
          {can(user.role, "facilitate") && (
            <ActionButton action={stopGameDayAction} fields={{ gameDayId: id }} className="btn btn-danger" confirm="Stop every run of this GameDay and revert all its faults?" pendingText="Stopping…">
              Stop everything
            </ActionButton>
          )}
        </div>
      </div>
      {runs.length === 0 ? (
        <div className="empty">
          <strong>Nothing has run yet</strong>A facilitator starts runs from the experiments page.
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Experiment</th>
              <th>Status</th>
              <th>Started (UTC)</th>
              <th>Measured</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/gamedays/${id}/runs/${r.id}`}>{r.experimentTitle}</Link>
                </td>
                <td>
                  <span className={`badge ${isLive(r.status) ? "badge-danger" : r.status === "completed" ? "badge-ok" : "badge-warn"}`}>{RUN_STATUS_LABELS[r.status]}</span>
                </td>
                <td>{r.startedAt ? r.startedAt.slice(0, 19).replace("T", " ") : "—"}</td>
                <td>{r.hasMeasured ? "✓ recorded" : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
