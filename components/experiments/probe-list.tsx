"use client";

import { useState } from "react";
import { useFieldError } from "@/components/ui/action-form";
import { PROBE_TEMPLATES } from "@/lib/metrics/templates";

export interface HttpDraft {
  url: string;
  method: string;
  expectedStatus: number | string;
  maxLatencyMs: number | string;
  intervalSec: number | string;
}

export interface ProbeDraft {
  /** Absent: PromQL. */
  kind?: "promql" | "http";
  name: string;
  query: string;
  http?: HttpDraft;
  comparator: string;
  threshold: number | string;
  windowSec: number | string;
}

const EMPTY: ProbeDraft = { name: "", query: "", comparator: "<", threshold: "", windowSec: 30 };
const EMPTY_HTTP: HttpDraft = { url: "", method: "GET", expectedStatus: 200, maxLatencyMs: 1000, intervalSec: 2 };

/** A probe switched to HTTP starts as "at least 95 % of requests succeed" (an abort condition: "under 80 %"). */
function asKind(p: ProbeDraft, kind: "promql" | "http", role: string): ProbeDraft {
  if (kind === "promql") return { ...p, kind: undefined, http: undefined };
  const steady = role === "steadyState";
  return { ...p, kind: "http", http: p.http ?? { ...EMPTY_HTTP }, comparator: steady ? ">=" : "<", threshold: steady ? 0.95 : 0.8, windowSec: p.windowSec || 30 };
}

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
  const errors = ["name", "comparator", "threshold", "windowSec", "http.method", "http.expectedStatus", "http.maxLatencyMs", "http.intervalSec"].map((f) => useFieldError(`${prefix}.${f}`)).filter(Boolean); // eslint-disable-line react-hooks/rules-of-hooks
  return errors.length ? <span className="error">{errors.join(" ")}</span> : null;
}

/** What an HTTP probe calls: URL, method, expected status, latency threshold and rate. */
function HttpFields({ id, prefix, http, onChange }: { id: string; prefix: string; http: HttpDraft; onChange: (h: HttpDraft) => void }) {
  const set = (patch: Partial<HttpDraft>) => onChange({ ...http, ...patch });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-url`}>URL</label>
        <input id={`${id}-url`} type="url" value={http.url} onChange={(e) => set({ url: e.target.value })} placeholder="http://checkout.shop.svc:8080/healthz" spellCheck={false} />
        <QueryError field={`${prefix}.http.url`} />
      </div>
      <div className="row">
        <select aria-label="Method" value={http.method} onChange={(e) => set({ method: e.target.value })} style={{ width: "6rem" }}>
          {["GET", "HEAD", "POST"].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <span className="muted">expects</span>
        <input aria-label="Expected status" type="number" value={http.expectedStatus} onChange={(e) => set({ expectedStatus: e.target.value })} style={{ width: "5.5rem" }} />
        <span className="muted">within</span>
        <input aria-label="Latency threshold (ms)" type="number" value={http.maxLatencyMs} onChange={(e) => set({ maxLatencyMs: e.target.value })} style={{ width: "6.5rem" }} />
        <span className="muted">ms, every</span>
        <input aria-label="Interval (seconds)" type="number" value={http.intervalSec} onChange={(e) => set({ intervalSec: e.target.value })} style={{ width: "4.5rem" }} />
        <span className="muted">s</span>
      </div>
    </>
  );
}

/** Steady-state probes or abort conditions: PromQL, or an HTTP probe's success ratio, compared with a threshold over a window. */
export function ProbeList(props: { title: string; name: string; probes: ProbeDraft[]; onChange: (p: ProbeDraft[]) => void }) {
  const update = (i: number, patch: Partial<ProbeDraft>) => props.onChange(props.probes.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <section className="card">
      <h3>{props.title}</h3>
      {props.probes.length === 0 && <p className="small muted">None. PromQL probes are checked against Prometheus once a metrics source is connected; HTTP probes call a URL on a host the cluster allows.</p>}
      {props.probes.map((p, i) => (
        <fieldset key={i}>
          <legend>
            {props.name === "steadyState" ? "Probe" : "Condition"} {i + 1}
          </legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor={`${props.name}-${i}-name`}>Name</label>
              <input id={`${props.name}-${i}-name`} type="text" value={p.name} onChange={(e) => update(i, { name: e.target.value })} placeholder={p.kind === "http" ? "Checkout answers" : "Error ratio"} />
              <label htmlFor={`${props.name}-${i}-kind`}>Measured by</label>
              <select id={`${props.name}-${i}-kind`} value={p.kind ?? "promql"} onChange={(e) => props.onChange(props.probes.map((q, j) => (j === i ? asKind(q, e.target.value as "promql" | "http", props.name) : q)))}>
                <option value="promql">PromQL (Prometheus)</option>
                <option value="http">HTTP requests (Firedrill calls the URL)</option>
              </select>
            </div>
            {p.kind === "http" ? (
              <div>
                <HttpFields id={`${props.name}-${i}`} prefix={`${props.name}.${i}`} http={p.http ?? EMPTY_HTTP} onChange={(http) => update(i, { http })} />
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${props.name}-${i}-query`}>PromQL</label>
                <textarea id={`${props.name}-${i}-query`} rows={2} value={p.query} onChange={(e) => update(i, { query: e.target.value })} placeholder='sum(rate(http_requests_total{code=~"5.."}[1m]))' spellCheck={false} />
                <QueryError field={`${props.name}.${i}.query`} />
              </div>
            )}
          </div>
          <div className="row">
            {p.kind === "http" && <span className="muted">success ratio</span>}
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
