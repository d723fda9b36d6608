"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

export function Participants(props: {
  gameDayId: string;
  canEdit: boolean;
  participants: { id: string; name: string; email: string; hasAccount: boolean }[];
  addAction: Action;
  removeAction: Action;
}) {
  return (
    <section className="card" aria-labelledby="participants-h">
      <h2 id="participants-h">Participants ({props.participants.length})</h2>
      <ul className="stack" style={{ listStyle: "none", padding: 0, gap: "0.4rem" }}>
        {props.participants.map((p) => (
          <li key={p.id} className="row">
            <strong>{p.name}</strong>
            <span className="muted">{p.email}</span>
            {!p.hasAccount && <span className="badge badge-warn">no account yet</span>}
            <span className="spacer" />
            {props.canEdit && (
              <ActionForm action={props.removeAction} refresh confirm={`Remove ${p.name} from this GameDay?`}>
                <input type="hidden" name="gameDayId" value={props.gameDayId} />
                <input type="hidden" name="participantId" value={p.id} />
                <SubmitButton className="btn btn-small btn-ghost" pendingText="Removing…">
                  Remove
                </SubmitButton>
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {props.canEdit && (
        <ActionForm action={props.addAction} refresh resetOnSuccess aria-label="Invite participant">
          <h3>Invite a participant</h3>
          <input type="hidden" name="gameDayId" value={props.gameDayId} />
          <div className="grid-2">
            <TextField name="name" label="Name" id="participant-name" />
            <TextField name="email" label="Email" type="email" id="participant-email" />
          </div>
          <SubmitButton pendingText="Inviting…">Add participant</SubmitButton>
          <p className="small muted">People without an account can sign up with this email to take part.</p>
        </ActionForm>
      )}
    </section>
  );
}
