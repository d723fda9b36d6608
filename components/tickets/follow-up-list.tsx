import type { FollowUpView } from "@/lib/tickets/follow-ups";
import { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS } from "@/lib/tickets/schemas";
import { FollowUpStatus } from "@/components/gameday/follow-up-form";
import type { FormResult } from "@/components/ui/action-form";
import { RetryButton } from "./retry-button";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
const statuses = FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: FOLLOW_UP_STATUS_LABELS[s] }));

/** The GameDay's tickets: key and link, what they are linked to, status (from the tracker for external ones), and any filing problem. */
export function FollowUpList(props: { followUps: FollowUpView[]; editable: boolean; gameDayId: string; setStatus: Action; retry: Action }) {
  if (props.followUps.length === 0) {
    return (
      <div className="empty">
        <strong>No follow-ups yet</strong>File one for each finding: a missing alert, a slow recovery, a runbook gap.
      </div>
    );
  }
  return (
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
        {props.followUps.map((f) => (
          <tr key={f.id} data-sync={f.syncState}>
            <td>{f.externalUrl ? <a href={f.externalUrl}>{f.externalKey}</a> : (f.externalKey ?? <span className="badge badge-warn">{f.syncState}</span>)}</td>
            <td>
              <strong>{f.title}</strong>
              {f.body && <div className="small muted">{f.body}</div>}
              {f.labels.length > 0 && <div className="small muted">labels: {f.labels.join(", ")}</div>}
              {f.syncError && (
                <div className="alert alert-error small" role="alert" data-code={f.syncErrorCode ?? undefined}>
                  {f.syncError}
                  {props.editable && <RetryButton action={props.retry} gameDayId={props.gameDayId} followUpId={f.id} label="Retry" />}
                </div>
              )}
            </td>
            <td className="small">{[f.failureMode?.title, f.experimentTitle && `run of ${f.experimentTitle}`].filter(Boolean).join(" · ") || "—"}</td>
            <td>
              {f.tracker === "builtin" ? (
                props.editable ? (
                  <FollowUpStatus action={props.setStatus} followUpId={f.id} status={f.status} statuses={statuses} />
                ) : (
                  FOLLOW_UP_STATUS_LABELS[f.status]
                )
              ) : (
                <span title={f.statusCheckedAt ? `checked ${f.statusCheckedAt.slice(0, 16).replace("T", " ")} UTC` : undefined} data-testid="external-status">
                  {FOLLOW_UP_STATUS_LABELS[f.status]}
                  {f.externalState && <span className="small muted"> ({f.externalState})</span>}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
