"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";
import type { FaultAlert } from "@/lib/runs/run-views";
import type { ConfirmationSummary } from "@/lib/runs/fault-confirmation";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

const EFFECT: Record<string, { label: string; badge: string }> = {
  checking: { label: "checking…", badge: "badge-warn" },
  confirmed: { label: "in effect", badge: "badge-ok" },
  failed: { label: "did not take effect", badge: "badge-danger" },
  unconfirmed: { label: "not confirmed", badge: "badge-danger" },
};
const RECOVERY: Record<string, { label: string; badge: string }> = {
  checking: { label: "checking…", badge: "badge-warn" },
  recovered: { label: "recovered", badge: "badge-ok" },
  failed: { label: "not recovered", badge: "badge-danger" },
  unconfirmed: { label: "not confirmed", badge: "badge-danger" },
};

/** One target's "in effect?" or "recovered?" as the cluster confirmed it, with the cluster's words beside it. */
export function ConfirmationCell({ state, detail, recovery }: { state: string | null; detail: string | null; recovery?: boolean }) {
  if (!state) return <td className="muted">—</td>;
  const s = (recovery ? RECOVERY : EFFECT)[state] ?? { label: state, badge: "" };
  return (
    <td data-testid={recovery ? "recovery" : "effect"} data-state={state}>
      <span className={`badge ${s.badge}`}>{s.label}</span>
      {detail && <div className="small">{detail}</div>}
    </td>
  );
}

/** "2 of 3 targets confirmed in effect", or the inconclusive verdict. */
export function ConfirmationLine({ summary }: { summary: ConfirmationSummary }) {
  if (summary.state === "none") return null;
  if (summary.inconclusive) return <p className="alert alert-error" data-testid="inconclusive">{summary.inconclusive} The measured impact cannot say the hypothesis held.</p>;
  const rest = [summary.failed ? `${summary.failed} did not take effect` : "", summary.unconfirmed ? `${summary.unconfirmed} not confirmed` : "", summary.checking ? `${summary.checking} still being checked` : ""].filter(Boolean).join(", ");
  return (
    <p className={summary.state === "confirmed" ? "muted" : "alert alert-info"} data-testid="confirmation-line">
      {summary.confirmed} of {summary.total} target(s) confirmed in effect by the cluster{rest ? `; ${rest}` : ""}.
    </p>
  );
}

/**
 * The room's alarm: a fault did not take effect while the run runs. The
 * facilitator chooses to stop (everything is reverted) or to go on (the
 * alert is answered; a later failure raises it again).
 */
export function FaultAlertBanner(props: { runId: string; alert: FaultAlert; canFacilitate: boolean; actions: { end: Action; goOn: Action }; onDone: () => void; big?: boolean }) {
  const { alert } = props;
  return (
    <section className="alert alert-error fault-alert" role="alert" aria-label="A fault did not take effect" data-testid="fault-alert" style={props.big ? { fontSize: "1.6rem" } : undefined}>
      <h3 style={{ margin: "0 0 0.5rem" }}>⚠ A fault did not take effect: the charts show no fault</h3>
      <ul>
        {alert.failures.slice(0, 5).map((f, i) => (
          <li key={i}>
            <strong>
              {f.kind} on {f.target}
            </strong>
            : {f.detail}
          </li>
        ))}
        {alert.failures.length > 5 && <li>… and {alert.failures.length - 5} more (see the changes to the cluster).</li>}
      </ul>
      {props.canFacilitate ? (
        <div className="row">
          <ActionForm action={props.actions.end} aria-label="Stop the run" onSuccess={props.onDone}>
            <input type="hidden" name="runId" value={props.runId} />
            <input type="hidden" name="how" value="abort" />
            <input type="hidden" name="reason" value="A fault did not take effect" />
            <SubmitButton className="btn btn-stop" pendingText="Stopping…">
              ■ Stop the run
            </SubmitButton>
          </ActionForm>
          <ActionForm action={props.actions.goOn} aria-label="Go on" onSuccess={props.onDone}>
            <input type="hidden" name="runId" value={props.runId} />
            <SubmitButton className="btn" pendingText="…">
              Go on anyway
            </SubmitButton>
          </ActionForm>
        </div>
      ) : (
        <p className="small">The facilitator chooses whether to stop or go on.</p>
      )}
    </section>
  );
}

