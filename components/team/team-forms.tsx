"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Option = { value: string; label: string };

export function InviteForm({ action, roles }: { action: Action; roles: Option[] }) {
  return (
    <ActionForm action={action} refresh resetOnSuccess showSuccess aria-label="Invite">
      <TextField name="email" label="Email" type="email" id="invite-email" />
      <SelectField name="role" label="Role" id="invite-role" defaultValue="participant" options={roles} />
      <SubmitButton pendingText="Inviting…">Create invitation</SubmitButton>
    </ActionForm>
  );
}

export function RoleSelect({ action, membershipId, role, roles, label }: { action: Action; membershipId: string; role: string; roles: Option[]; label: string }) {
  return (
    <ActionForm action={action} refresh aria-label={label}>
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="row">
        <select name="role" defaultValue={role} aria-label={label}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
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
