"use client";

import { ActionForm, useFieldError, type FormResult } from "@/components/ui/action-form";
import { CheckboxField, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/fields";
import type { MeasuredView } from "@/lib/runs/run-views";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

function HeldChoice({ initial, inconclusive }: { initial: boolean | null; inconclusive: boolean }) {
  const error = useFieldError("hypothesisHeld");
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend>Did the hypothesis hold?</legend>
      <label className="checkbox">
        <input type="radio" name="hypothesisHeld" value="held" defaultChecked={initial === true && !inconclusive} disabled={inconclusive} /> Held{inconclusive ? " (not possible: the fault did not take effect)" : ""}
      </label>
      <label className="checkbox">
        <input type="radio" name="hypothesisHeld" value="disproved" defaultChecked={initial === false} /> Disproved
      </label>
      {error && <span className="error">{error}</span>}
    </fieldset>
  );
}

/** Computed from the run's metrics (lib/metrics): proposed until someone records the measured impact. */
export interface SuggestedImpact {
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  hypothesisHeld: boolean | null;
  /** From the team's alerting (lib/alerts); undefined when it was not watched. */
  alertFired?: boolean;
  paged?: boolean;
}

export function MeasuredForm(props: { inconclusive?: boolean; action: Action; runId: string; initial: MeasuredView | null; suggested?: SuggestedImpact | null; severities: { value: string; label: string }[]; impacts: { value: string; label: string }[]; onSaved: () => void }) {
  const i = props.initial;
  const s = i ? null : (props.suggested ?? null);
  return (
    <ActionForm action={props.action} showSuccess onSuccess={props.onSaved} aria-label="Measured impact">
      <input type="hidden" name="runId" value={props.runId} />
      <div className="grid-2">
        <SelectField name="severity" label="Measured severity" placeholder="Choose…" defaultValue={i ? String(i.severity) : ""} options={props.severities} />
        <SelectField name="userImpact" label="Measured user impact" placeholder="Choose…" defaultValue={i?.userImpact} options={props.impacts} />
        <CheckboxField name="alertFired" label="An alert fired" defaultChecked={i?.alertFired ?? s?.alertFired} hint={s?.alertFired !== undefined ? "From the team's alerting" : undefined} />
        <CheckboxField name="paged" label="Someone was paged" defaultChecked={i?.paged ?? s?.paged} hint={s?.paged !== undefined ? "From Alertmanager's notifications" : undefined} />
        <TextField name="timeToDetectMin" label="Time to detect (min)" type="number" min={0} defaultValue={i?.timeToDetectMin ?? s?.timeToDetectMin ?? ""} hint={s && s.timeToDetectMin !== null ? "Computed from the metrics" : undefined} />
        <TextField name="timeToRecoverMin" label="Time to recover (min)" type="number" min={0} defaultValue={i?.timeToRecoverMin ?? s?.timeToRecoverMin ?? ""} hint={s && s.timeToRecoverMin !== null ? "Computed from the metrics" : undefined} />
      </div>
      <HeldChoice initial={i ? i.hypothesisHeld : (s?.hypothesisHeld ?? null)} inconclusive={props.inconclusive === true} />
      <TextArea name="notes" label="What really happened" defaultValue={i?.notes} rows={3} />
      <SubmitButton>Save measured impact</SubmitButton>
    </ActionForm>
  );
}
