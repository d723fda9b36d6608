"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FormResult } from "@/components/ui/action-form";
import type { ImportPlan } from "@/lib/as-code/import-documents";
import { ImportPreview } from "./import-preview";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/**
 * Paste or upload documents, preview what they become (experiments, notes,
 * what could not be mapped, problems with their lines), then create them all.
 * The server parses and validates; this only shows what it answered.
 */
export function ImportForm(props: { gameDayId: string; clusters: { id: string; name: string }[]; labels: Record<string, string>; previewAction: Action; importAction: Action; redirectTo: string }) {
  const [text, setText] = useState("");
  const [clusterId, setClusterId] = useState(props.clusters.length === 1 ? props.clusters[0].id : "");
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  // A double click must not import twice: the flag is set before React re-renders the disabled button.
  const busy = useRef(false);
  const form = () => {
    const fd = new FormData();
    fd.set("gameDayId", props.gameDayId);
    fd.set("text", text);
    fd.set("clusterId", clusterId);
    return fd;
  };
  const failed = (r: FormResult) => (r.ok ? null : [r.message, ...Object.values(r.fieldErrors ?? {})].join(" "));
  const preview = () =>
    start(async () => {
      const r = await props.previewAction(null, form());
      setError(failed(r));
      setPlan(r.ok ? (r.data as ImportPlan) : null);
    });
  const create = () => {
    if (busy.current) return;
    busy.current = true;
    start(async () => {
      const r = await props.importAction(null, form());
      setError(failed(r));
      if (r.ok) router.push(props.redirectTo);
      else busy.current = false;
    });
  };
  const edit = (next: string) => {
    setText(next);
    setPlan(null);
  };

  return (
    <div className="grid-2" style={{ alignItems: "start" }}>
      <section className="card" aria-label="Document">
        <div className="field">
          <label htmlFor="import-text">Document (YAML or JSON)</label>
          <textarea id="import-text" value={text} onChange={(e) => edit(e.target.value)} rows={22} spellCheck={false} style={{ fontFamily: "ui-monospace, monospace", fontSize: "0.9rem" }} placeholder={"apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\n…"} />
        </div>
        <div className="field">
          <label htmlFor="import-file">Or upload a file</label>
          <input id="import-file" type="file" accept=".yaml,.yml,.json,text/yaml,application/json" onChange={async (e) => { const f = e.target.files?.[0]; if (f) edit(await f.text()); }} />
          <span className="hint">Up to 256 KiB; several documents separated by ---.</span>
        </div>
        <div className="field">
          <label htmlFor="import-cluster">Cluster</label>
          <select id="import-cluster" value={clusterId} onChange={(e) => { setClusterId(e.target.value); setPlan(null); }}>
            <option value="">No cluster (people experiments only)</option>
            {props.clusters.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
          <span className="hint">Cluster faults of the imported experiments go to this cluster.</span>
        </div>
        <div className="row">
          <button type="button" className="btn" disabled={pending || !text.trim()} onClick={preview}>
            {pending && !plan ? "Reading…" : "Preview"}
          </button>
          <button type="button" className="btn btn-primary" disabled={pending || !plan?.ok} onClick={create}>
            {plan?.ok ? `Create ${plan.experiments.length} experiment${plan.experiments.length === 1 ? "" : "s"}` : "Create experiments"}
          </button>
        </div>
        {error && <p className="alert alert-error" role="alert">{error}</p>}
      </section>
      <section aria-label="Preview" aria-live="polite">
        {plan ? <ImportPreview plan={plan} labels={props.labels} /> : <div className="empty"><strong>Nothing previewed yet</strong>Paste a document and press Preview to see what will be created.</div>}
      </section>
    </div>
  );
}
