"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Option = { value: string; label: string };

/**
 * Creates an invitation and shows its link once: only a hash of the token is
 * stored, so the link cannot be read back later (withdraw and invite again).
 * The link is built from the address the admin is using.
 */
export function InviteForm({ action, roles }: { action: Action; roles: Option[] }) {
  const [created, setCreated] = useState<{ email: string; link: string; expiresAt: string } | null>(null);
  return (
    <>
      <ActionForm
        action={action}
        refresh
        resetOnSuccess
        showSuccess
        aria-label="Invite"
        onSuccess={(data) => {
          const d = data as { token: string; email: string; expiresAt: string };
          setCreated({ email: d.email, link: `${window.location.origin}/signup?invite=${d.token}`, expiresAt: d.expiresAt });
        }}
      >
        <TextField name="email" label="Email" type="email" id="invite-email" />
        <SelectField name="role" label="Role" id="invite-role" defaultValue="participant" options={roles} />
        <SubmitButton pendingText="Inviting…">Create invitation</SubmitButton>
      </ActionForm>
      {created && (
        <div className="alert alert-info" role="status" aria-label={`Invitation link for ${created.email}`}>
          <p>
            Send this link to <strong>{created.email}</strong>. It works once, only for that address, until {new Date(created.expiresAt).toUTCString()}, and is not shown again:
          </p>
          <code data-testid="invite-link" style={{ wordBreak: "break-all" }}>
            {created.link}
          </code>
        </div>
      )}
    </>
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
