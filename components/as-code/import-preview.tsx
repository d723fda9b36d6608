import type { ImportPlan, PlannedExperiment } from "@/lib/as-code/import-documents";

// Long paths and values (JSON of a whole step) wrap inside their column instead of widening the table.
const WRAP = { overflowWrap: "anywhere" as const, fontSize: "0.9rem" };

const at = (line: number) => (line > 0 ? `Line ${line}: ` : "");

function targetsOf(e: PlannedExperiment): string {
  const t = e.input?.targets;
  if (!t) return "";
  const where = [t.namespace && `namespace ${t.namespace}`, t.labelSelector && `pods ${t.labelSelector}`, t.names.length > 0 && `named ${t.names.join(", ")}`, t.owner && `${t.owner.kind} ${t.owner.name}`, t.nodeSelector && `nodes ${t.nodeSelector}`].filter(Boolean).join(", ");
  const sample = t.sample.mode === "all" ? "all matched" : t.sample.mode === "count" ? `${t.sample.value} at random` : `${t.sample.value} % at random`;
  const extras = [t.probability < 1 && `each with probability ${t.probability}`, t.repeat.count > 1 && `${t.repeat.count} rounds ${t.repeat.intervalSec} s apart${t.repeat.probability < 1 ? ` (each with probability ${t.repeat.probability})` : ""}`].filter(Boolean).join("; ");
  return `${where || "no selection"} — ${sample}${extras ? `; ${extras}` : ""}`;
}

/** What an import will create, what it could not map, and what stops it. Plain view of the server's plan. */
export function ImportPreview({ plan, labels }: { plan: ImportPlan; labels: Record<string, string> }) {
  return (
    <div className="stack" data-testid="import-preview">
      {plan.problems.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="import-problems">
          <strong>Nothing can be imported yet:</strong>
          <ul>{plan.problems.map((p, i) => <li key={i}>{at(p.line)}{p.message}</li>)}</ul>
        </div>
      )}
      {plan.ok && (
        <p className="alert alert-ok" role="status">
          {plan.tools.join(", ")}: {plan.experiments.length} experiment{plan.experiments.length === 1 ? "" : "s"} will be created{plan.unmapped.length ? `; ${plan.unmapped.length} part${plan.unmapped.length === 1 ? "" : "s"} could not be mapped (listed below).` : "."}
        </p>
      )}
      {plan.experiments.map((e, i) => (
        <article key={i} className="card" aria-label={`Will create: ${e.title}`}>
          <div className="row">
            <h3 style={{ margin: 0 }}>{e.title}</h3>
            <span className="badge">{e.input ? `${e.input.durationSec} s` : "has problems"}</span>
          </div>
          <p className="small muted">From {e.source}, line {e.line}</p>
          {e.input && (
            <>
              <p className="small"><strong>Hypothesis:</strong> {e.input.hypothesis}</p>
              <p className="small"><strong>Faults:</strong> {e.input.faults.map((f) => `${labels[f.kind] ?? f.kind} (${Object.entries(f.params).filter(([, v]) => v !== "").map(([k, v]) => `${k}: ${String(v)}`).join(", ")})`).join("; ")}</p>
              <p className="small"><strong>Targets:</strong> {targetsOf(e)}</p>
              {e.input.steadyState.length > 0 && <p className="small"><strong>Steady state:</strong> {e.input.steadyState.map((p) => `${p.name} ${p.comparator} ${p.threshold}`).join("; ")}</p>}
            </>
          )}
          {e.problems.length > 0 && <ul className="alert alert-error small">{e.problems.map((p, j) => <li key={j}>{at(p.line)}{p.message}</li>)}</ul>}
          {e.notes.length > 0 && <ul className="small muted">{e.notes.map((n, j) => <li key={j}>{n}</li>)}</ul>}
        </article>
      ))}
      {plan.unmapped.length > 0 && (
        <section className="card" aria-label="Could not be mapped" data-testid="unmapped">
          <h3>Could not be mapped ({plan.unmapped.length})</h3>
          <p className="small muted">Firedrill has no equivalent for these parts; they are not imported. Add what matters by hand in the editor.</p>
          <table style={{ tableLayout: "fixed" }}>
            <colgroup><col style={{ width: "4rem" }} /><col style={{ width: "28%" }} /><col style={{ width: "28%" }} /><col /></colgroup>
            <thead><tr><th>Line</th><th>Field</th><th>Value</th><th>Why</th></tr></thead>
            <tbody>
              {plan.unmapped.map((u, i) => (
                <tr key={i}><td>{u.line}</td><td style={WRAP}><code>{u.path}</code></td><td style={WRAP}><code>{u.value}</code></td><td>{u.why}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
