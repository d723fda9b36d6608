"use client";

import { useState, useTransition } from "react";
import type { FormResult } from "@/components/ui/action-form";
import type { StepPreview } from "@/lib/runs/engine/preview";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** "Preview targets": what the draft would hit right now, checked by the cluster with a dry run. */
export function TargetPreview({ action, payload }: { action: Action; payload: () => string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<FormResult | null>(null);
  return (
    <div className="stack" style={{ gap: "0.5rem", marginTop: "0.75rem" }}>
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const fd = new FormData();
            fd.set("payload", payload());
            setResult(await action(null, fd));
          })
        }
      >
        {pending ? "Asking the cluster…" : "Preview targets"}
      </button>
      {result && !result.ok && (
        <p className="alert alert-error" role="alert">
          {result.message} {result.fieldErrors && Object.values(result.fieldErrors).join(" ")}
        </p>
      )}
      {result?.ok && (
        <div data-testid="target-preview">
          {(result.data as StepPreview[]).map((s, i) => (
            <div key={i} className="card" style={{ marginBottom: "0.5rem" }}>
              <strong>{s.label}</strong>: {s.wouldHit} of {s.matchedCount} matched target(s) would be hit
              {s.problems.length > 0 ? (
                <ul className="alert alert-error">
                  {s.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <p className="small muted">Guardrails pass; the cluster accepted a server-side dry run of each change.</p>
              )}
              <ul className="small">
                {s.page.map((t) => (
                  <li key={`${t.namespace}/${t.name}`}>
                    {t.kind} {t.namespace ? `${t.namespace}/` : ""}
                    {t.name} <span className="muted">{t.detail}</span>
                  </li>
                ))}
              </ul>
              {s.matchedCount > s.page.length && <p className="small muted">… and {s.matchedCount - s.page.length} more.</p>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
