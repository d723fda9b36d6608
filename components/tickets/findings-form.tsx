"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";
import { FilingResult } from "./filing-result";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
export interface FindingOption {
  key: string;
  title: string;
  detail: string;
  filedAs: string | null;
  /** Saved as a follow-up but not yet in the tracker (its filing failed or its answer was lost): retried from the page. */
  pending: boolean;
}
type Report = { results: { title: string; key: string | null }[]; errors: { title: string; code: string; message: string }[] };

/** Every finding of the day with a prefilled ticket title; tick the ones to file and create them all at once. */
export function FindingsForm(props: { action: Action; gameDayId: string; findings: FindingOption[]; trackerName: string; defaultLabels: string }) {
  const open = props.findings.filter((f) => !f.filedAs);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(open.map((f) => f.key)));
  const [titles, setTitles] = useState<Record<string, string>>(() => Object.fromEntries(props.findings.map((f) => [f.key, f.title])));
  const [labels, setLabels] = useState(props.defaultLabels);
  const [report, setReport] = useState<Report | null>(null);
  // A finding that failed in this form's last attempt and has been filed since (a retry) is no longer an error.
  // One still pending stays listed: the page refreshing after the attempt must not hide why it failed.
  const filedSince = new Set(props.findings.filter((f) => f.filedAs && !f.pending).map((f) => titles[f.key] ?? f.title));
  const items = open.filter((f) => selected.has(f.key)).map((f) => ({ findingKey: f.key, title: titles[f.key] ?? f.title }));
  return (
    <ActionForm action={props.action} refresh aria-label="File findings" onSuccess={(data) => setReport(data as Report)}>
      <input type="hidden" name="payload" value={JSON.stringify({ gameDayId: props.gameDayId, items, labels })} />
      <ul className="stack" style={{ listStyle: "none", padding: 0, gap: "0.6rem" }}>
        {props.findings.map((f) => (
          <li key={f.key} className="row" style={{ alignItems: "flex-start", flexWrap: "nowrap" }}>
            <input
              type="checkbox"
              aria-label={`File: ${f.title}`}
              disabled={Boolean(f.filedAs)}
              checked={!f.filedAs && selected.has(f.key)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(f.key);
                else next.delete(f.key);
                setSelected(next);
              }}
              style={{ marginTop: "0.6rem" }}
            />
            <div style={{ flex: 1 }}>
              <input
                type="text"
                aria-label={`Ticket title for ${f.title}`}
                value={titles[f.key] ?? ""}
                disabled={Boolean(f.filedAs)}
                onChange={(e) => setTitles({ ...titles, [f.key]: e.target.value })}
                style={{ width: "100%" }}
              />
              <div className="small muted">
                {f.detail}
                {f.filedAs && <strong> · {f.pending ? "saved, not in the tracker yet" : `filed as ${f.filedAs}`}</strong>}
              </div>
            </div>
          </li>
        ))}
      </ul>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field" style={{ flex: 1 }}>
          <span>Labels (comma-separated)</span>
          <input type="text" value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        <SubmitButton pendingText="Filing…" disabled={items.length === 0}>
          {`Create ${items.length} ticket${items.length === 1 ? "" : "s"} in ${props.trackerName}`}
        </SubmitButton>
      </div>
      {report && <FilingResult report={{ ...report, errors: report.errors.filter((e) => !filedSince.has(e.title)) }} />}
    </ActionForm>
  );
}
