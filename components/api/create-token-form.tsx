"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** Creates a token and shows it once: only its hash is kept, so it cannot be shown again. */
export function CreateTokenForm({ action }: { action: Action }) {
  const [created, setCreated] = useState<{ token: string; expiresAt: string } | null>(null);
  return (
    <>
      <ActionForm action={action} refresh resetOnSuccess aria-label="New token" onSuccess={(d) => setCreated(d as { token: string; expiresAt: string })}>
        <TextField name="name" label="Name" placeholder="GitLab CI: checkout pipeline" />
        <SelectField name="scope" label="Scope" defaultValue="read" options={[{ value: "read", label: "read: status and results" }, { value: "run", label: "run: also import experiments, start and stop runs" }]} />
        <SelectField name="expiresInDays" label="Expires after" defaultValue="30" options={[{ value: "7", label: "7 days" }, { value: "30", label: "30 days" }, { value: "90", label: "90 days" }, { value: "365", label: "1 year" }]} />
        <SubmitButton className="btn btn-primary" pendingText="Creating…">Create token</SubmitButton>
      </ActionForm>
      {created && (
        <div className="alert alert-ok" role="status" style={{ marginTop: "1rem" }}>
          <p style={{ margin: 0 }}>Copy it now: it is shown only once (expires {created.expiresAt.slice(0, 10)}).</p>
          <code data-testid="new-token" style={{ display: "block", wordBreak: "break-all", fontSize: "1rem", marginTop: "0.5rem", userSelect: "all" }}>{created.token}</code>
        </div>
      )}
    </>
  );
}
