"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { ActionButton } from "@/components/ui/action-button";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";
import type { NotificationTargetView } from "@/lib/notifications/targets";
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from "@/lib/notifications/schemas";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** Optional per GameDay: a Slack or generic webhook told when a run starts, stops or is aborted. */
export function NotificationTargets(props: { gameDayId: string; targets: NotificationTargetView[]; add: Action; remove: Action }) {
  return (
    <section className="card" aria-label="Run notifications" style={{ marginTop: "1rem" }}>
      <h3>Run notifications</h3>
      <p className="small muted">Tell a channel when a run of this GameDay starts, stops or is aborted. Webhook addresses are stored encrypted.</p>
      {props.targets.length > 0 && (
        <ul>
          {props.targets.map((t) => (
            <li key={t.id} className="row">
              <span>
                {NOTIFICATION_KIND_LABELS[t.kind]} · <code>{t.urlHint}</code>
                {t.lastError ? <span className="worse"> · {t.lastError}</span> : t.lastSentAt ? <span className="muted"> · last sent {t.lastSentAt.slice(0, 16).replace("T", " ")} UTC</span> : null}
              </span>
              <ActionButton action={props.remove} fields={{ targetId: t.id }} refresh className="btn btn-small">
                Remove
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={props.add} refresh resetOnSuccess showSuccess aria-label="Add notification">
        <input type="hidden" name="gameDayId" value={props.gameDayId} />
        <div className="row" style={{ alignItems: "flex-end" }}>
          <SelectField name="kind" label="Send to" defaultValue="slack" options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: NOTIFICATION_KIND_LABELS[k] }))} />
          <div style={{ flex: 1 }}>
            <TextField name="url" label="Webhook address" placeholder="https://hooks.slack.com/services/…" />
          </div>
          <SubmitButton pendingText="Adding…">Add</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}
