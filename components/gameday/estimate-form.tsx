"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { CheckboxField, SelectField, SubmitButton, TextField } from "@/components/ui/fields";
import { describeLikelihood, mtbfLikelihood } from "@/lib/gameday/impact";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

interface Initial {
  hypothesis: string;
  severity: number;
  userImpact: string;
  alertExpected: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  fleetSize: number | null;
  mtbfDays: number | null;
}

/** Shows N × 1/MTBF as the fields change, so the room sees how likely the failure is. */
function Likelihood({ fleet, mtbf }: { fleet: string; mtbf: string }) {
  const n = Number(fleet);
  const d = Number(mtbf);
  if (!fleet || !mtbf || !(n > 0) || !(d > 0)) return <p className="small muted">Give fleet size and MTBF to see how often this failure happens.</p>;
  return (
    <p className="alert alert-info" data-testid="likelihood">
      Likelihood: {describeLikelihood(mtbfLikelihood(n, d))}.
    </p>
  );
}

export function EstimateForm(props: { action: Action; failureModeId: string; initial: Initial | null; severities: { value: string; label: string }[]; impacts: { value: string; label: string }[] }) {
  const i = props.initial;
  const [fleet, setFleet] = useState(i?.fleetSize?.toString() ?? "");
  const [mtbf, setMtbf] = useState(i?.mtbfDays?.toString() ?? "");
  const fid = (n: string) => `${n}-${props.failureModeId}`;
  return (
    <ActionForm action={props.action} refresh showSuccess aria-label="Impact estimate">
      <input type="hidden" name="failureModeId" value={props.failureModeId} />
      <div style={{ marginTop: "0.75rem" }}>
        <TextField id={fid("hypothesis")} name="hypothesis" label="Hypothesis" defaultValue={i?.hypothesis} placeholder="Error rate stays under 1% while one checkout pod is killed" />
      </div>
      <div className="grid-2">
        <SelectField id={fid("severity")} name="severity" label="Expected severity" placeholder="Choose…" defaultValue={i ? String(i.severity) : ""} options={props.severities} />
        <SelectField id={fid("userImpact")} name="userImpact" label="Expected user impact" placeholder="Choose…" defaultValue={i?.userImpact} options={props.impacts} />
      </div>
      <div className="grid-2">
        <CheckboxField name="alertExpected" label="An alert should fire" defaultChecked={i?.alertExpected} />
        <TextField id={fid("timeToDetectMin")} name="timeToDetectMin" label="Expected time to detect (min)" type="number" min={0} defaultValue={i?.timeToDetectMin ?? ""} />
        <TextField id={fid("timeToRecoverMin")} name="timeToRecoverMin" label="Expected time to recover (min)" type="number" min={0} defaultValue={i?.timeToRecoverMin ?? ""} />
      </div>
      <fieldset>
        <legend>Likelihood (optional)</legend>
        <div className="grid-2" onChange={(e) => {
          const t = e.target as HTMLInputElement;
          if (t.name === "fleetSize") setFleet(t.value);
          if (t.name === "mtbfDays") setMtbf(t.value);
        }}>
          <TextField id={fid("fleetSize")} name="fleetSize" label="Fleet size (machines)" type="number" min={1} defaultValue={i?.fleetSize ?? ""} />
          <TextField id={fid("mtbfDays")} name="mtbfDays" label="MTBF per machine (days)" type="number" step="any" defaultValue={i?.mtbfDays ?? ""} />
        </div>
        <Likelihood fleet={fleet} mtbf={mtbf} />
      </fieldset>
      <SubmitButton>Save estimate</SubmitButton>
    </ActionForm>
  );
}
