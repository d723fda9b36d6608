"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Option = { value: string; label: string };

export function FollowUpForm(props: { action: Action; gameDayId: string; failureModes: Option[]; runs: Option[]; preselect: { runId?: string; failureModeId?: string } }) {
  return (
    <ActionForm action={props.action} refresh resetOnSuccess showSuccess aria-label="New follow-up">
      <input type="hidden" name="gameDayId" value={props.gameDayId} />
      <TextField name="title" label="Title" placeholder="Alert on checkout error ratio fires too late" />
      <TextArea name="body" label="Description" rows={3} placeholder="What was found, what should change" />
      <SelectField name="failureModeId" label="Failure mode" placeholder="None" defaultValue={props.preselect.failureModeId} options={props.failureModes} />
      <SelectField name="runId" label="Run" placeholder="None" defaultValue={props.preselect.runId} options={props.runs} />
      <SubmitButton pendingText="Filing…">File follow-up</SubmitButton>
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
