"use client";

import { useState } from "react";
import { ActionForm, useFieldError, type FormResult } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/fields";
import type { CatalogEntry } from "@/lib/experiments/authoring-catalog";
import { ParamField } from "./param-field";
import { ProbeList, type ProbeDraft } from "./probe-list";
import { TargetPreview } from "./target-preview";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

export interface ExperimentDraft {
  experimentId?: string;
  title: string;
  hypothesis: string;
  failureModeIds: string[];
  faults: { kind: string; params: Record<string, unknown> }[];
  /** The UI edits namespace, selector and sample; other target settings (names, owner, repeat…) pass through unchanged. */
  targets: { namespace: string; labelSelector: string; sample?: { mode: string; value: number | string }; [setting: string]: unknown };
  clusterId?: string;
  durationSec: number | string;
  steadyState: ProbeDraft[];
  abortConditions: ProbeDraft[];
  rollbackNotes: string;
}

function defaultsFor(entry: CatalogEntry | undefined): Record<string, unknown> {
  return Object.fromEntries((entry?.fields ?? []).map((f) => [f.name, f.defaultValue ?? (f.type === "boolean" ? false : "")]));
}

function Err({ name }: { name: string }) {
  const e = useFieldError(name);
  return e ? <span className="error" data-field-error={name}>{e}</span> : null;
}

/**
 * Experiment authoring: the chaos-experiment template (hypothesis, method,
 * blast radius, steady state, abort conditions, rollback). Fault parameter
 * fields are generated from each kind's zod schema; the whole draft is sent
 * as one JSON payload and validated by the same schema on the server.
 */
export function ExperimentEditor(props: {
  action: Action;
  gameDayId: string;
  catalog: CatalogEntry[];
  failureModes: { id: string; title: string }[];
  initial: ExperimentDraft;
  redirectTo: string;
  clusters: { id: string; name: string }[];
  previewAction: Action;
}) {
  const [d, setD] = useState<ExperimentDraft>(props.initial);
  const byKind = new Map(props.catalog.map((c) => [c.kind, c]));
  const set = <K extends keyof ExperimentDraft>(k: K, v: ExperimentDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setFault = (i: number, f: ExperimentDraft["faults"][number]) => set("faults", d.faults.map((x, j) => (j === i ? f : x)));
  const cluster = d.faults.some((f) => byKind.get(f.kind)?.backend !== "people");
  const backends = [...new Set(props.catalog.map((c) => c.backendLabel))];

  return (
    <ActionForm action={props.action} redirectTo={props.redirectTo} aria-label="Experiment">
      <input type="hidden" name="payload" value={JSON.stringify({ ...d, gameDayId: props.gameDayId })} />
      <div className="grid-2">
        <section className="card">
          <h3>Hypothesis</h3>
          <div className="field">
            <label htmlFor="title">Title</label>
            <input id="title" type="text" value={d.title} onChange={(e) => set("title", e.target.value)} placeholder="Kill one checkout pod" />
            <Err name="title" />
          </div>
          <div className="field">
            <label htmlFor="hypothesis">Hypothesis</label>
            <textarea id="hypothesis" value={d.hypothesis} onChange={(e) => set("hypothesis", e.target.value)} placeholder="Checkout error rate stays under 1% while one pod is killed" />
            <Err name="hypothesis" />
          </div>
          <fieldset>
            <legend>Failure modes tested</legend>
            {props.failureModes.length === 0 && <p className="small muted">No failure modes on the board yet.</p>}
            {props.failureModes.map((f) => (
              <label key={f.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={d.failureModeIds.includes(f.id)}
                  onChange={(e) => set("failureModeIds", e.target.checked ? [...d.failureModeIds, f.id] : d.failureModeIds.filter((x) => x !== f.id))}
                />
                {f.title}
              </label>
            ))}
            <Err name="failureModeIds" />
          </fieldset>
          <div className="field">
            <label htmlFor="durationSec">Duration (seconds)</label>
            <input id="durationSec" type="number" min={10} value={d.durationSec} onChange={(e) => set("durationSec", e.target.value)} />
            <span className="hint">The run ends by itself after this long.</span>
            <Err name="durationSec" />
          </div>
        </section>

        <section className="card">
          <h3>Method: faults</h3>
          <Err name="faults" />
          {d.faults.map((f, i) => {
            const entry = byKind.get(f.kind);
            return (
              <fieldset key={i}>
                <legend>Fault {i + 1}</legend>
                <div className="field">
                  <label htmlFor={`fault-kind-${i}`}>Kind</label>
                  <select id={`fault-kind-${i}`} value={f.kind} onChange={(e) => setFault(i, { kind: e.target.value, params: defaultsFor(byKind.get(e.target.value)) })}>
                    <option value="">Choose a fault…</option>
                    {backends.map((b) => (
                      <optgroup key={b} label={b}>
                        {props.catalog.filter((c) => c.backendLabel === b).map((c) => (
                          <option key={c.kind} value={c.kind}>
                            {c.label}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                  <Err name={`faults.${i}.kind`} />
                </div>
                {entry && <p className="small muted">{entry.description}</p>}
                {entry?.fields.map((field) => (
                  <ParamField
                    key={field.name}
                    field={field}
                    id={`fault-${i}-${field.name}`}
                    errorName={`faults.${i}.params.${field.name}`}
                    value={f.params[field.name]}
                    onChange={(v) => setFault(i, { ...f, params: { ...f.params, [field.name]: v } })}
                  />
                ))}
                {entry && entry.rules.length > 0 && (
                  <ul className="small">
                    {entry.rules.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
                {d.faults.length > 1 && (
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => set("faults", d.faults.filter((_, j) => j !== i))}>
                    Remove fault
                  </button>
                )}
              </fieldset>
            );
          })}
          <button type="button" className="btn btn-small" onClick={() => set("faults", [...d.faults, { kind: "", params: {} }])}>
            + Add fault
          </button>
          {cluster && (
            <fieldset style={{ marginTop: "1rem" }}>
              <legend>Blast radius: targets</legend>
              <div className="field">
                <label htmlFor="clusterId">Cluster</label>
                <select id="clusterId" value={d.clusterId ?? ""} onChange={(e) => set("clusterId", e.target.value)}>
                  <option value="">{props.clusters.length ? "Choose…" : "No clusters connected (see Clusters)"}</option>
                  {props.clusters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <Err name="clusterId" />
              </div>
              <div className="field">
                <label htmlFor="target-namespace">Namespace</label>
                <input id="target-namespace" type="text" value={d.targets.namespace} onChange={(e) => set("targets", { ...d.targets, namespace: e.target.value })} placeholder="demo" />
                <Err name="targets.namespace" />
              </div>
              <div className="field">
                <label htmlFor="target-labels">Label selector</label>
                <input id="target-labels" type="text" value={d.targets.labelSelector} onChange={(e) => set("targets", { ...d.targets, labelSelector: e.target.value })} placeholder="app=checkout" />
                <Err name="targets.labelSelector" />
              </div>
              <div className="row">
                <label htmlFor="sample-mode">Hit</label>
                <select id="sample-mode" style={{ width: "auto" }} value={d.targets.sample?.mode ?? "all"} onChange={(e) => set("targets", { ...d.targets, sample: { mode: e.target.value, value: d.targets.sample?.value ?? 1 } })}>
                  <option value="all">all matched</option>
                  <option value="count">a random sample of N</option>
                  <option value="percent">a random P%</option>
                </select>
                {d.targets.sample && d.targets.sample.mode !== "all" && (
                  <input aria-label="Sample size" type="number" min={0} style={{ width: "6rem" }} value={d.targets.sample.value} onChange={(e) => set("targets", { ...d.targets, sample: { mode: d.targets.sample!.mode, value: e.target.value } })} />
                )}
              </div>
              <TargetPreview action={props.previewAction} payload={() => JSON.stringify({ ...d, gameDayId: props.gameDayId })} />
            </fieldset>
          )}
        </section>
      </div>

      <div className="grid-2" style={{ marginTop: "1rem" }}>
        <ProbeList title="Steady state (must hold before and during)" name="steadyState" probes={d.steadyState} onChange={(p) => set("steadyState", p)} />
        <ProbeList title="Abort conditions (stop the run when true)" name="abortConditions" probes={d.abortConditions} onChange={(p) => set("abortConditions", p)} />
      </div>
      <section className="card" style={{ marginTop: "1rem" }}>
        <div className="field">
          <label htmlFor="rollbackNotes">Rollback notes</label>
          <textarea id="rollbackNotes" value={d.rollbackNotes} onChange={(e) => set("rollbackNotes", e.target.value)} placeholder="How to put things back by hand if automation fails" />
        </div>
        <SubmitButton>{d.experimentId ? "Save experiment" : "Create experiment"}</SubmitButton>
      </section>
    </ActionForm>
  );
}
