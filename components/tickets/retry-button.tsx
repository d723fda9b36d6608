"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";
import { FilingResult } from "./filing-result";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Report = { results: { title: string; key: string | null }[]; errors: { title: string; code: string; message: string }[] };

/** Retries filing pending follow-ups (one, or all of the GameDay's) and says per ticket what happened. */
export function RetryButton(props: { action: Action; gameDayId: string; followUpId?: string; label: string; className?: string }) {
  const [report, setReport] = useState<Report | null>(null);
  return (
    <ActionForm action={props.action} refresh aria-label={props.label} onSuccess={(d) => setReport(d as Report)}>
      <input type="hidden" name="gameDayId" value={props.gameDayId} />
      {props.followUpId && <input type="hidden" name="followUpId" value={props.followUpId} />}
      <SubmitButton className={props.className ?? "btn btn-small"} pendingText="Retrying…">
        {props.label}
      </SubmitButton>
      {report && report.errors.length > 0 && <FilingResult report={report} />}
    </ActionForm>
  );
}

type Refresh = { results: unknown[]; errors: { key: string | null; code: string; message: string }[] };

/** Reads the external tickets' statuses from the tracker; failures are listed per ticket. */
export function RefreshStatusesButton(props: { action: Action; gameDayId: string }) {
  const [res, setRes] = useState<Refresh | null>(null);
  return (
    <ActionForm action={props.action} refresh aria-label="Refresh statuses" onSuccess={(d) => setRes(d as Refresh)}>
      <input type="hidden" name="gameDayId" value={props.gameDayId} />
      <SubmitButton className="btn" pendingText="Refreshing…">
        Refresh statuses
      </SubmitButton>
      {res && (
        <div role="status" className={`alert ${res.errors.length ? "alert-error" : "alert-ok"}`}>
          {res.results.length} status{res.results.length === 1 ? "" : "es"} updated.
          {res.errors.map((e, i) => (
            <div key={i} data-code={e.code}>
              {e.key ?? "?"}: {e.message}
            </div>
          ))}
        </div>
      )}
    </ActionForm>
  );
}
