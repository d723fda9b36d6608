"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/fields";
import type { TrackerSettingsView } from "@/lib/tickets/tracker-settings";
import { DEFAULT_BASE_URLS, TRACKER_KINDS, TRACKER_KIND_LABELS, type TrackerKind } from "@/lib/tickets/schemas";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

const PROJECT_HINT: Record<Exclude<TrackerKind, "builtin">, string> = {
  github: "owner/repository",
  gitlab: "project id or group/project",
  jira: "project key, e.g. OPS",
};

/** The team's tracker: kind, API address, project, token (write-only) and default labels. */
export function TrackerSettingsForm({ action, settings }: { action: Action; settings: TrackerSettingsView }) {
  const [kind, setKind] = useState<TrackerKind>(settings.kind);
  return (
    <ActionForm action={action} refresh showSuccess aria-label="Tracker settings">
      <div className="field">
        <label htmlFor="kind">Tracker</label>
        <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as TrackerKind)}>
          {TRACKER_KINDS.map((k) => (
            <option key={k} value={k}>
              {TRACKER_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      {kind !== "builtin" && (
        <>
          <TextField key={`url-${kind}`} name="baseUrl" label="API address" defaultValue={settings.kind === kind ? settings.baseUrl : DEFAULT_BASE_URLS[kind]} />
          <TextField key={`project-${kind}`} name="project" label="Project" hint={PROJECT_HINT[kind]} defaultValue={settings.kind === kind ? settings.project : ""} />
          {kind === "jira" && <TextField name="accountEmail" label="Account email" type="email" defaultValue={settings.accountEmail} />}
          <TextField
            name="token"
            label="API token"
            type="password"
            autoComplete="off"
            hint={settings.kind === kind && settings.tokenHint ? `Configured ✓ (ends ${settings.tokenHint}). Leave blank to keep it.` : "Stored encrypted; never shown again."}
          />
          <TextField name="labels" label="Labels on every ticket (comma-separated)" defaultValue={settings.labels} />
        </>
      )}
      {kind === "builtin" && <p className="muted">Tickets stay in Firedrill, keyed FD-1, FD-2, … per GameDay.</p>}
      <SubmitButton pendingText="Saving…">Save tracker</SubmitButton>
    </ActionForm>
  );
}
