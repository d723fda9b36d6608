import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { listFollowUps } from "@/lib/tickets/follow-ups";
import { getBoard } from "@/lib/gameday/board";
import { listRuns } from "@/lib/runs/run-views";
import { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS } from "@/lib/tickets/schemas";
import { can } from "@/lib/auth/roles";
import { FollowUpForm, FollowUpStatus } from "@/components/gameday/follow-up-form";
import { createFollowUpAction, setFollowUpStatusAction } from "./actions";

export const metadata = { title: "Follow-ups" };

export default async function FollowUpsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string; failureMode?: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const [followUps, cards, runs] = await orNotFound(() => Promise.all([listFollowUps(user, id), getBoard(user, id), listRuns(user, id)]));
  const sp = await searchParams;
  const editable = can(user.role, "contribute");
  const statuses = FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: FOLLOW_UP_STATUS_LABELS[s] }));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Follow-ups</h2>
          <p>A ticket for every flaw found, linked back to its failure mode and run. Built-in tracker.</p>
        </div>
      </div>
      <div className="grid-2">
        <section className="card" aria-label="Tickets">
          <h3>Tickets ({followUps.length})</h3>
          {followUps.length === 0 ? (
            <div className="empty">
              <strong>No follow-ups yet</strong>File one for each finding: a missing alert, a slow recovery, a runbook gap.
            </div>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Title</th>
                  <th>Linked to</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {followUps.map((f) => (
                  <tr key={f.id}>
                    <td>{f.externalUrl ? <a href={f.externalUrl}>{f.externalKey}</a> : f.externalKey}</td>
                    <td>
                      <strong>{f.title}</strong>
                      {f.body && <div className="small muted">{f.body}</div>}
                    </td>
                    <td className="small">{[f.failureMode?.title, f.experimentTitle && `run of ${f.experimentTitle}`].filter(Boolean).join(" · ") || "—"}</td>
                    <td>{editable ? <FollowUpStatus action={setFollowUpStatusAction} followUpId={f.id} status={f.status} statuses={statuses} /> : FOLLOW_UP_STATUS_LABELS[f.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {editable && (
          <section className="card" aria-label="New follow-up">
            <h3>New follow-up</h3>
            <FollowUpForm
              action={createFollowUpAction}
              gameDayId={id}
              failureModes={cards.map((c) => ({ value: c.id, label: c.title }))}
              runs={runs.map((r) => ({ value: r.id, label: `${r.experimentTitle} (${r.status})` }))}
              preselect={{ runId: runs.some((r) => r.id === sp.run) ? sp.run : undefined, failureModeId: cards.some((c) => c.id === sp.failureMode) ? sp.failureMode : undefined }}
            />
          </section>
        )}
      </div>
    </main>
  );
}
