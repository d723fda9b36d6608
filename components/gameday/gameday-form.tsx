"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextArea, TextField } from "@/components/ui/fields";

export function GameDayForm(props: {
  action: (prev: FormResult | null, form: FormData) => Promise<FormResult>;
  submitLabel: string;
  redirectTo?: string;
  initial?: { gameDayId: string; title: string; goals: string; systemUnderTest: string; scheduledFor: string };
}) {
  const i = props.initial;
  return (
    <ActionForm action={props.action} redirectTo={props.redirectTo} refresh={!props.redirectTo} showSuccess aria-label="GameDay details">
      {i && <input type="hidden" name="gameDayId" value={i.gameDayId} />}
      <TextField name="title" label="Title" defaultValue={i?.title} placeholder="Checkout resilience GameDay" />
      <TextField name="systemUnderTest" label="System under test" defaultValue={i?.systemUnderTest} placeholder="checkout service in the demo namespace" />
      <TextArea name="goals" label="Goals" defaultValue={i?.goals} placeholder="What should the team learn or verify today?" rows={4} />
      <TextField name="scheduledFor" label="Date" type="date" defaultValue={i?.scheduledFor ?? new Date().toISOString().slice(0, 10)} />
      <SubmitButton>{props.submitLabel}</SubmitButton>
    </ActionForm>
  );
}
