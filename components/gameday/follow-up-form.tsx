"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Option = { value: string; label: string };

export function FollowUpForm(props: { action: Action; gameDayId: string; failureModes: Option[]; runs: Option[]; preselect: { runId?: string; failureModeId?: string }; defaultLabels?: string }) {
  // Saved but not (yet) in the external tracker: say why; the ticket waits in the list for a retry.
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <ActionForm
      action={props.action}
      refresh
      resetOnSuccess
      showSuccess
      aria-label="New follow-up"
      onSuccess={(data) => setFailure((data as { failure: { message: string } | null }).failure?.message ?? null)}
    >
      <input type="hidden" name="gameDayId" value={props.gameDayId} />
      <TextField name="title" label="Title" placeholder="Alert on checkout error ratio fires too late" />
      <TextArea name="body" label="Description" rows={3} placeholder="What was found, what should change" />
      <SelectField name="failureModeId" label="Failure mode" placeholder="None" defaultValue={props.preselect.failureModeId} options={props.failureModes} />
      <SelectField name="runId" label="Run" placeholder="None" defaultValue={props.preselect.runId} options={props.runs} />
      <TextField name="labels" label="Labels (comma-separated)" defaultValue={props.defaultLabels ?? ""} />
      <SubmitButton pendingText="Filing…">File follow-up</SubmitButton>
      {failure && (
        <div className="alert alert-error" role="alert">
          Saved in Firedrill, not yet in the tracker: {failure}
        </div>
      )}
    </ActionForm>
  );
}

export function FollowUpStatus(props: { action: Action; followUpId: string; status: string; statuses: Option[] }) {
  return (
    <ActionForm action={props.action} refresh aria-label="Change status">
      <input type="hidden" name="followUpId" value={props.followUpId} />
      <div className="row">
        <select name="status" defaultValue={props.status} aria-label="Status">
          {props.statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <SubmitButton className="btn btn-small" pendingText="…">
          Set
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
