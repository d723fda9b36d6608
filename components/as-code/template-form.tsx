"use client";

import { useState } from "react";
import { ActionForm, useFieldError, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

function TextError() {
  const e = useFieldError("text");
  return e ? <span className="error" data-field-error="text">{e}</span> : null;
}

/** Paste or upload a GameDayTemplate and create the GameDay (all or nothing, problems with their lines). */
export function TemplateForm({ action, clusters }: { action: Action; clusters: { id: string; name: string }[] }) {
  const [text, setText] = useState("");
  return (
    <ActionForm action={action} redirectTo="/gamedays/{id}" aria-label="New GameDay from a template" className="card stack">
      <div className="field">
        <label htmlFor="template-text">Template (YAML)</label>
        <textarea id="template-text" name="text" rows={16} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} style={{ fontFamily: "ui-monospace, monospace", fontSize: "0.9rem" }} placeholder={"apiVersion: firedrill.dev/v1\nkind: GameDayTemplate\n…"} />
        <TextError />
      </div>
      <div className="field">
        <label htmlFor="template-file">Or upload a file</label>
        <input id="template-file" type="file" accept=".yaml,.yml,.json" onChange={async (e) => { const f = e.target.files?.[0]; if (f) setText(await f.text()); }} />
      </div>
      <TextField name="title" label="Title (leave empty to keep the template's)" />
      <TextField name="scheduledFor" label="Date" type="date" />
      <SelectField name="clusterId" label="Cluster for its cluster experiments" options={clusters.map((c) => ({ value: c.id, label: c.name }))} placeholder="No cluster (people experiments only)" defaultValue={clusters.length === 1 ? clusters[0].id : ""} />
      <SubmitButton className="btn btn-primary" pendingText="Creating…">Create GameDay</SubmitButton>
    </ActionForm>
  );
}
