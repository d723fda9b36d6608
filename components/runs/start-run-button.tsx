"use client";

import { ActionForm, useFieldError, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";

function OverrideSteadyState() {
  const refused = useFieldError("overrideSteadyState");
  if (!refused) return null;
  return (
    <div className="stack" data-testid="steady-state-override">
      <p className="small">The steady state does not hold: {refused}</p>
      <SubmitButton className="btn btn-danger" name="overrideSteadyState" value="on" pendingText="Starting…">
        Start anyway (override, recorded in the audit log)
      </SubmitButton>
    </div>
  );
}

/** Start a run; when preflight finds the steady state broken, offers the facilitator an audited override. */
export function StartRunButton(props: { action: (prev: FormResult | null, form: FormData) => Promise<FormResult>; experimentId: string; redirectTo: string }) {
  return (
    <ActionForm action={props.action} redirectTo={props.redirectTo}>
      <input type="hidden" name="experimentId" value={props.experimentId} />
      <SubmitButton className="btn btn-primary" pendingText="Starting…">
        Start run
      </SubmitButton>
      <OverrideSteadyState />
    </ActionForm>
  );
}
