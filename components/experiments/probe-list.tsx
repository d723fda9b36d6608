"use client";

import { useFieldError } from "@/components/ui/action-form";

export interface ProbeDraft {
  name: string;
  query: string;
  comparator: string;
  threshold: number | string;
  windowSec: number | string;
}

const EMPTY: ProbeDraft = { name: "", query: "", comparator: "<", threshold: "", windowSec: 30 };

function ProbeErrors({ prefix }: { prefix: string }) {
  const errors = ["name", "query", "comparator", "threshold", "windowSec"].map((f) => useFieldError(`${prefix}.${f}`)).filter(Boolean); // eslint-disable-line react-hooks/rules-of-hooks
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
              <input id={`${props.name}-${i}-query`} type="text" value={p.query} onChange={(e) => update(i, { query: e.target.value })} placeholder='sum(rate(http_requests_total{code=~"5.."}[1m]))' />
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
      <button type="button" className="btn btn-small" onClick={() => props.onChange([...props.probes, { ...EMPTY }])}>
        + Add
      </button>
    </section>
  );
}
