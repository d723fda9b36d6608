"use client";

import { useState } from "react";
import { useFieldError } from "@/components/ui/action-form";
import { PROBE_TEMPLATES } from "@/lib/metrics/templates";

export interface ProbeDraft {
  name: string;
  query: string;
  comparator: string;
  threshold: number | string;
  windowSec: number | string;
}

const EMPTY: ProbeDraft = { name: "", query: "", comparator: "<", threshold: "", windowSec: 30 };

/** Prometheus' own verdict on the query, right under the PromQL field. */
function QueryError({ field }: { field: string }) {
  const error = useFieldError(field);
  return error ? (
    <span className="error" data-field-error={field} role="alert">
      {error}
    </span>
  ) : null;
}

function ProbeErrors({ prefix }: { prefix: string }) {
  const errors = ["name", "comparator", "threshold", "windowSec"].map((f) => useFieldError(`${prefix}.${f}`)).filter(Boolean); // eslint-disable-line react-hooks/rules-of-hooks
  return errors.length ? <span className="error">{errors.join(" ")}</span> : null;
}

/** Steady-state probes or abort conditions: PromQL compared with a threshold over a window. */
export function ProbeList(props: { title: string; name: string; probes: ProbeDraft[]; onChange: (p: ProbeDraft[]) => void }) {
  const update = (i: number, patch: Partial<ProbeDraft>) => props.onChange(props.probes.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <section className="card">
      <h3>{props.title}</h3>
      {props.probes.length === 0 && <p className="small muted">None. Probes are checked against Prometheus once a metrics source is connected.</p>}
      {props.probes.map((p, i) => (
        <fieldset key={i}>
          <legend>
            {props.name === "steadyState" ? "Probe" : "Condition"} {i + 1}
          </legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor={`${props.name}-${i}-name`}>Name</label>
              <input id={`${props.name}-${i}-name`} type="text" value={p.name} onChange={(e) => update(i, { name: e.target.value })} placeholder="Error ratio" />
            </div>
            <div className="field">
              <label htmlFor={`${props.name}-${i}-query`}>PromQL</label>
              <textarea id={`${props.name}-${i}-query`} rows={2} value={p.query} onChange={(e) => update(i, { query: e.target.value })} placeholder='sum(rate(http_requests_total{code=~"5.."}[1m]))' spellCheck={false} />
              <QueryError field={`${props.name}.${i}.query`} />
            </div>
          </div>
          <div className="row">
            <select aria-label="Comparator" value={p.comparator} onChange={(e) => update(i, { comparator: e.target.value })} style={{ width: "5rem" }}>
              {["<", "<=", ">", ">=", "=="].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            <input aria-label="Threshold" type="number" step="any" value={p.threshold} onChange={(e) => update(i, { threshold: e.target.value })} style={{ width: "8rem" }} placeholder="0.01" />
            <span className="muted">over</span>
            <input aria-label="Window (seconds)" type="number" value={p.windowSec} onChange={(e) => update(i, { windowSec: e.target.value })} style={{ width: "6rem" }} />
            <span className="muted">s</span>
            <span className="spacer" />
            <button type="button" className="btn btn-small btn-ghost" onClick={() => props.onChange(props.probes.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
          <ProbeErrors prefix={`${props.name}.${i}`} />
        </fieldset>
      ))}
      <div className="row">
        <button type="button" className="btn btn-small" onClick={() => props.onChange([...props.probes, { ...EMPTY }])}>
          + Add
        </button>
        <FromTemplate onAdd={(p) => props.onChange([...props.probes, p])} role={props.name} />
      </div>
    </section>
  );
}

/** Adds a probe for a usual SLI (availability, error ratio, p95/p99, saturation, ready replicas) for one service. */
function FromTemplate({ onAdd, role }: { onAdd: (p: ProbeDraft) => void; role: string }) {
  const [template, setTemplate] = useState(PROBE_TEMPLATES[1].id);
  const [matcher, setMatcher] = useState('service="checkout"');
  const chosen = PROBE_TEMPLATES.find((t) => t.id === template)!;
  return (
    <>
      <select aria-label={`${role} template`} value={template} onChange={(e) => setTemplate(e.target.value)} title={chosen.help}>
        {PROBE_TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <input aria-label={`${role} template matcher`} type="text" value={matcher} onChange={(e) => setMatcher(e.target.value)} style={{ width: "14rem" }} />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          const p = chosen.build(matcher);
          // As an abort condition the template's comparison flips: it trips when the SLI is broken.
          const flip: Record<string, string> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "==" };
          onAdd(role === "abortConditions" ? { ...p, name: `${p.name} broken`, comparator: flip[p.comparator] } : p);
        }}
      >
        + From template
      </button>
    </>
  );
}
