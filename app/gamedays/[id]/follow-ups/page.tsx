import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { listFollowUps } from "@/lib/tickets/follow-ups";
import { listFindings } from "@/lib/tickets/file-findings";
import { getTrackerSettings } from "@/lib/tickets/tracker-settings";
import { getBoard } from "@/lib/gameday/board";
import { listRuns } from "@/lib/runs/run-views";
import { listNotificationTargets } from "@/lib/notifications/targets";
import { TRACKER_KIND_LABELS } from "@/lib/tickets/schemas";
import { can } from "@/lib/auth/roles";
import { FollowUpForm } from "@/components/gameday/follow-up-form";
import { FindingsForm } from "@/components/tickets/findings-form";
import { FollowUpList } from "@/components/tickets/follow-up-list";
import { RefreshStatusesButton, RetryButton } from "@/components/tickets/retry-button";
import { NotificationTargets } from "@/components/tickets/notification-targets";
import { createFollowUpAction, fileFindingsAction, refreshStatusesAction, retryFollowUpsAction, setFollowUpStatusAction } from "./actions";
import { addNotificationTargetAction, removeNotificationTargetAction } from "./notification-actions";

export const metadata = { title: "Follow-ups" };

export default async function FollowUpsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string; failureMode?: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const [followUps, findings, tracker, cards, runs, targets] = await orNotFound(() =>
    Promise.all([listFollowUps(user, id), listFindings(user, id), getTrackerSettings(user), getBoard(user, id), listRuns(user, id), listNotificationTargets(user, id)]),
  );
  const sp = await searchParams;
  const editable = can(user.role, "contribute");
  const trackerName = tracker.kind === "builtin" ? "Firedrill" : TRACKER_KIND_LABELS[tracker.kind];
  const pending = followUps.filter((f) => f.syncState !== "synced");
  const followUpOf = new Map(followUps.filter((f) => f.findingKey).map((f) => [f.findingKey!, f]));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Follow-ups</h2>
          <p>
            A ticket for every flaw found, linked back to its failure mode and run. Tracker: <strong data-testid="tracker-name">{TRACKER_KIND_LABELS[tracker.kind]}</strong>
            {tracker.kind !== "builtin" && ` (${tracker.project})`}
            {user.role === "admin" && (
              <>
                {" · "}
                <Link href="/settings/trackers">change</Link>
              </>
            )}
          </p>
        </div>
        <div className="row">
          {editable && pending.length > 0 && <RetryButton action={retryFollowUpsAction} gameDayId={id} label={`Retry ${pending.length} pending`} className="btn" />}
          {tracker.kind !== "builtin" && <RefreshStatusesButton action={refreshStatusesAction} gameDayId={id} />}
        </div>
      </div>
      {editable && findings.length > 0 && (
        <section className="card" aria-label="Findings" style={{ marginBottom: "1rem" }}>
          <h3>Findings ({findings.length})</h3>
          <p className="small muted">Everything that went worse than estimated, or a hypothesis that did not hold. Tick the ones to file and create them all at once.</p>
          <FindingsForm
            action={fileFindingsAction}
            gameDayId={id}
            trackerName={trackerName}
            defaultLabels={tracker.kind === "builtin" ? "" : "gameday"}
            findings={findings.map((f) => {
              const followUp = followUpOf.get(f.key);
              return { key: f.key, title: f.title, detail: f.detail, filedAs: f.followUpId ? (followUp?.externalKey ?? "filed") : null, pending: !!followUp && followUp.syncState !== "synced" };
            })}
          />
        </section>
      )}
      <div className="grid-2">
        <section className="card" aria-label="Tickets">
          <h3>Tickets ({followUps.length})</h3>
          <FollowUpList followUps={followUps} editable={editable} gameDayId={id} setStatus={setFollowUpStatusAction} retry={retryFollowUpsAction} />
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
      {can(user.role, "facilitate") && (
        <NotificationTargets gameDayId={id} targets={targets} add={addNotificationTargetAction} remove={removeNotificationTargetAction} />
      )}
    </main>
  );
}
