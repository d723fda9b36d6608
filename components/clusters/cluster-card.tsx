"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextArea, TextField } from "@/components/ui/fields";
import type { ConnectionView } from "@/lib/k8s/connections";
import type { ConnectionReport } from "@/lib/k8s/test-connection";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

function Report({ r }: { r: ConnectionReport }) {
  if (!r.ok) return <p className="alert alert-error" role="alert">{r.error}</p>;
  return (
    <div className="stack" style={{ gap: "0.5rem" }} data-testid="connection-report">
      <p className="alert alert-ok">Connected: Kubernetes {r.version}</p>
      <table>
        <thead>
          <tr>
            <th>Fault</th>
            <th>Allowed</th>
          </tr>
        </thead>
        <tbody>
          {r.permissions.map((p) => (
            <tr key={p.kind}>
              <td>{p.label}</td>
              <td>
                {p.allowed ? <span className="badge badge-ok">yes</span> : <span className="badge badge-danger">missing: {p.missing.join(", ")}</span>}
                {p.allowed && p.missing.length > 0 && <span className="small muted"> (missing for some targets: {p.missing.join(", ")})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {r.backends.map((b) => (
          <span key={b.name} className={`badge ${b.present ? "badge-ok" : ""}`} style={{ marginRight: "0.4rem" }} title={b.kinds.join(", ")}>
            {b.name}: {b.present ? `${b.kinds.length} CRDs` : "not installed"}
          </span>
        ))}
      </p>
    </div>
  );
}

export function ClusterCard({ cluster: c, admin, actions }: { cluster: ConnectionView; admin: boolean; actions: { test: Action; guardrails: Action; remove: Action; stop: Action } }) {
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const g = c.guardrails;
  return (
    <section className="card" aria-label={`Cluster ${c.name}`}>
      <div className="row">
        <h2 style={{ margin: 0 }}>{c.name}</h2>
        <span className="badge">{c.inCluster ? "in-cluster" : c.context}</span>
        <span className="muted small">{c.server}</span>
      </div>
      <ActionForm action={actions.test} aria-label="Test connection" onSuccess={(data) => setReport(data as ConnectionReport)}>
        <input type="hidden" name="clusterId" value={c.id} />
        <div className="row" style={{ marginTop: "0.75rem", alignItems: "flex-end" }}>
          <div style={{ flex: 1 }}>
            <TextField name="namespace" id={`ns-${c.id}`} label="Check permissions in namespace" defaultValue={g.allowedNamespaces[0] ?? ""} />
          </div>
          <SubmitButton className="btn" pendingText="Testing…">
            Test connection
          </SubmitButton>
        </div>
      </ActionForm>
      {report && <Report r={report} />}
      <details style={{ marginTop: "0.75rem" }}>
        <summary className="btn btn-small">Guardrails</summary>
        <ActionForm action={actions.guardrails} refresh showSuccess aria-label="Guardrails">
          <input type="hidden" name="clusterId" value={c.id} />
          <fieldset disabled={!admin}>
            <TextField id={`allowed-${c.id}`} name="allowedNamespaces" label="Allowed namespaces (empty: all not protected)" defaultValue={g.allowedNamespaces.join(", ")} />
            <TextField id={`protected-${c.id}`} name="protectedNamespaces" label="Protected namespaces" defaultValue={g.protectedNamespaces.join(", ")} />
            <TextField id={`labels-${c.id}`} name="protectedLabels" label="Protected labels (key=value)" defaultValue={g.protectedLabels.join(", ")} />
            <div className="grid-2">
              <TextField id={`max-${c.id}`} name="maxTargets" label="Maximum targets per step" type="number" defaultValue={g.maxTargets} />
              <TextField id={`dur-${c.id}`} name="maxDurationSec" label="Maximum duration (s)" type="number" defaultValue={g.maxDurationSec} />
            </div>
            <TextArea id={`images-${c.id}`} name="allowedImages" label="Fault container images allowed (one per line, exact references; empty: none)" rows={3} defaultValue={g.allowedImages.join("\n")} hint="Stress and network delay run in an ephemeral container with one of these images; any other image is refused." />
            <TextArea id={`probe-hosts-${c.id}`} name="probeHosts" label="Hosts HTTP probes may call (one per line: a host, .domain, address or CIDR; empty: none)" rows={2} defaultValue={g.probeHosts.join("\n")} hint="An experiment's HTTP probes may only call these hosts, over http or https, even at internal addresses." />
            {admin && <SubmitButton>Save guardrails</SubmitButton>}
          </fieldset>
        </ActionForm>
      </details>
      <div className="row" style={{ marginTop: "0.75rem" }}>
        <ActionForm action={actions.stop} showSuccess confirm={`Stop every run on ${c.name} and revert all its faults?`}>
          <input type="hidden" name="clusterId" value={c.id} />
          <SubmitButton className="btn btn-danger" pendingText="Stopping…">
            Stop everything on this cluster
          </SubmitButton>
        </ActionForm>
        <span className="spacer" />
        {admin && (
          <ActionForm action={actions.remove} refresh confirm={`Remove the connection to ${c.name}? Experiments that use it will need another cluster.`}>
            <input type="hidden" name="clusterId" value={c.id} />
            <SubmitButton className="btn btn-small btn-ghost" pendingText="Removing…">
              Remove
            </SubmitButton>
          </ActionForm>
        )}
      </div>
    </section>
  );
}
