"use client";

import { ActionForm, useFieldError, type FormResult } from "@/components/ui/action-form";
import { ActionButton } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/fields";
import type { LibraryItemView } from "@/lib/library/library";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

function Err({ name }: { name: string }) {
  const e = useFieldError(name);
  return e ? <span className="error" data-field-error={name}>{e}</span> : null;
}

/** One library experiment: what it does, what it needs, and "Add to this GameDay" (with where it runs). */
export function LibraryCard(props: { entry: LibraryItemView; gameDayId: string; clusters: { id: string; name: string }[]; canAdd: boolean; addAction: Action; deleteAction?: Action }) {
  const e = props.entry;
  const slug = e.id.replace(/[^a-z0-9]+/gi, "-");
  return (
    <article className="card" aria-label={e.title}>
      <div className="row">
        <h3 style={{ margin: 0 }}>{e.title}</h3>
        <span className="badge">{e.cluster ? "cluster" : "people"}</span>
        <span className="badge">{e.durationSec} s</span>
        {e.runnable ? <span className="badge badge-ok">runnable here</span> : <span className="badge badge-warn">no driver here</span>}
      </div>
      <p className="small muted" style={{ marginTop: "0.25rem" }}>
        {e.source}
        {e.savedBy ? ` · ${e.savedBy}` : ""} · {e.faults.join(", ")}
      </p>
      <p>{e.summary}</p>
      {e.needs.length > 0 && (
        <>
          <strong className="small">Needs</strong>
          <ul className="small">{e.needs.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      )}
      {props.canAdd && (
        <ActionForm action={props.addAction} redirectTo={`/gamedays/${props.gameDayId}/experiments`} aria-label={`Add ${e.title}`}>
          <input type="hidden" name="gameDayId" value={props.gameDayId} />
          <input type="hidden" name="entryId" value={e.id} />
          {e.cluster && (
            <div className="row" style={{ alignItems: "end", flexWrap: "wrap" }}>
              <div className="field">
                <label htmlFor={`${slug}-cluster`}>Cluster</label>
                <select id={`${slug}-cluster`} name="clusterId" defaultValue={props.clusters.length === 1 ? props.clusters[0].id : ""}>
                  <option value="">Pick a cluster…</option>
                  {props.clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
                <Err name="clusterId" />
              </div>
              {e.targetsService && (
                <>
                  <div className="field">
                    <label htmlFor={`${slug}-ns`}>Namespace</label>
                    <input id={`${slug}-ns`} type="text" name="namespace" defaultValue={e.namespace} />
                    <Err name="namespace" />
                  </div>
                  <div className="field">
                    <label htmlFor={`${slug}-sel`}>Label selector</label>
                    <input id={`${slug}-sel`} type="text" name="labelSelector" defaultValue={e.labelSelector} />
                    <Err name="labelSelector" />
                  </div>
                </>
              )}
            </div>
          )}
          <div className="row">
            <SubmitButton className="btn btn-primary btn-small" pendingText="Adding…">
              Add to this GameDay
            </SubmitButton>
          </div>
        </ActionForm>
      )}
      {props.deleteAction && props.canAdd && (
        <ActionButton action={props.deleteAction} fields={{ libraryId: e.id.replace(/^saved:/, "") }} refresh confirm={`Remove "${e.title}" from the library?`} className="btn btn-small btn-ghost" pendingText="Removing…">
          Remove from library
        </ActionButton>
      )}
    </article>
  );
}
