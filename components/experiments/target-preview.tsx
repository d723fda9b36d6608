"use client";

import { useState, useTransition } from "react";
import type { FormResult } from "@/components/ui/action-form";
import type { StepPreview } from "@/lib/runs/engine/preview";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

const where = (t: { namespace?: string; name: string }) => `${t.namespace ? `${t.namespace}/` : ""}${t.name}`;

/** "Preview targets": what the draft would hit right now, what the guardrails leave out, checked by the cluster with a dry run. */
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
              <strong>{s.label}</strong>:{" "}
              {s.backendSamples
                ? `the selector reaches ${s.wouldHit} of ${s.matchedCount} matched pod(s) (its backend picks among them at run time); the cap counts ${s.wouldHit}`
                : `${s.wouldHit} of ${s.matchedCount} matched target(s) would be hit`}
              {s.problems.length > 0 ? (
                <ul className="alert alert-error">
                  {s.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <p className="small muted">Guardrails pass; the cluster accepted a server-side dry run of each change.</p>
              )}
              <ul className="small" aria-label={`Eligible targets of ${s.label}`}>
                {s.page.map((t) => (
                  <li key={`${t.kind}/${where(t)}`}>
                    {t.kind} {where(t)} <span className="muted">{t.detail}</span>
                  </li>
                ))}
              </ul>
              {s.eligibleCount > s.page.length && <p className="small muted">… and {s.eligibleCount - s.page.length} more.</p>}
              {s.excluded.length > 0 && (
                <>
                  <p className="small">
                    <strong>Left out ({s.excluded.length}):</strong>
                  </p>
                  <ul className="small" aria-label={`Excluded targets of ${s.label}`}>
                    {s.excluded.map((t) => (
                      <li key={`${t.kind}/${where(t)}`}>
                        {t.kind} {where(t)} <span className="muted">{t.reason}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
