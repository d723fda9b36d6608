"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** Facilitator controls that move the whole room one step along the loop. */
export function PhaseControls(props: { action: Action; gameDayId: string; current: string; next: { phase: string; label: string } | null; previous: { phase: string; label: string } | null }) {
  return (
    <div className="card row" style={{ marginBottom: "1rem" }}>
      <span>
        The room is at <strong>{props.current}</strong>.
      </span>
      <span className="spacer" />
      {props.previous && (
        <ActionForm action={props.action} refresh>
          <input type="hidden" name="gameDayId" value={props.gameDayId} />
          <input type="hidden" name="phase" value={props.previous.phase} />
          <SubmitButton className="btn" pendingText="Moving…">
            ← Back to {props.previous.label}
          </SubmitButton>
        </ActionForm>
      )}
      {props.next && (
        <ActionForm action={props.action} refresh>
          <input type="hidden" name="gameDayId" value={props.gameDayId} />
          <input type="hidden" name="phase" value={props.next.phase} />
          <SubmitButton pendingText="Moving…">Move room to {props.next.label} →</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}
