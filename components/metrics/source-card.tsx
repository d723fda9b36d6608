"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { ActionButton } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/fields";
import type { SourceView, SourceTestReport } from "@/lib/metrics/sources";
import { ReceiverSetup } from "./receiver-setup";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** One Prometheus source with Test (its version and one real query) and, for admins, its Alertmanager receiver and Remove. */
export function SourceCard({ source, canDelete, actions }: { source: SourceView; canDelete: boolean; actions: { test: Action; remove: Action; rotateReceiver: Action; revokeReceiver: Action } }) {
  const [report, setReport] = useState<SourceTestReport | null>(null);
  return (
    <article className="card" aria-label={`Metrics source ${source.name}`}>
      <h2>{source.name}</h2>
      <p className="small">
        <code>{source.url}</code> · {source.clusterName ? `cluster ${source.clusterName}` : "team default"} · auth: {source.authKind}
        {source.tlsSkipVerify ? " · TLS not verified" : ""}
        {source.hasCaCert ? " · custom CA" : ""}
        {source.alertmanagerUrl ? (
          <>
            {" "}
            · Alertmanager <code>{source.alertmanagerUrl}</code>
          </>
        ) : (
          " · no Alertmanager"
        )}
      </p>
      <div className="row">
        <ActionForm action={actions.test} aria-label="Test source" onSuccess={(data) => setReport(data as SourceTestReport)}>
          <input type="hidden" name="sourceId" value={source.id} />
          <SubmitButton className="btn btn-small" pendingText="Testing…">
            Test
          </SubmitButton>
        </ActionForm>
        <span className="spacer" />
        {canDelete && (
          <ActionButton action={actions.remove} fields={{ sourceId: source.id }} refresh confirm={`Remove ${source.name}? Snapshots already taken stay.`} className="btn btn-small btn-ghost" pendingText="Removing…">
            Remove
          </ActionButton>
        )}
      </div>
      {canDelete && <ReceiverSetup sourceId={source.id} sourceName={source.name} hasReceiver={source.hasReceiver} actions={{ rotate: actions.rotateReceiver, revoke: actions.revokeReceiver }} />}
      {report && (
        <p role="status" className={report.ok ? "alert alert-ok" : "alert alert-error"} data-testid="source-test-result">
          {report.ok ? `Prometheus ${report.version} answered: ${report.targetsUp} target(s) up (${report.ms} ms).` : `${report.version ? `Prometheus ${report.version}: ` : ""}${report.error}`}
          {report.ok && report.alertingRules !== undefined && ` ${report.alertingRules ? `${report.alertingRules} alerting rule(s) loaded: runs measure what fires.` : "No alerting rules loaded: runs cannot measure detection by alerts."}`}
          {report.alertmanager && (report.alertmanager.ok ? ` Alertmanager ${report.alertmanager.version} answered.` : ` Alertmanager: ${report.alertmanager.message}`)}
        </p>
      )}
    </article>
  );
}
