"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { ActionButton } from "@/components/ui/action-button";
import { SubmitButton, TextField } from "@/components/ui/fields";
import type { ShareLinkView } from "@/lib/reports/share-links";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;
type Created = { path: string; url: string | null };

/**
 * Read-only links to the report for people without an account. A new link's
 * URL is shown once (only its hash is stored); links expire and can be revoked.
 * The URL is the server's configured public address; without one, the
 * address this browser shows, with a note saying so (never the request's Host).
 */
export function ShareLinks(props: { gameDayId: string; links: ShareLinkView[]; create: Action; revoke: Action }) {
  const [created, setCreated] = useState<{ url: string; configured: boolean } | null>(null);
  return (
    <section className="card no-print" aria-label="Share links" style={{ marginBottom: "1.5rem" }}>
      <h3>Share read-only</h3>
      <ActionForm
        action={props.create}
        refresh
        aria-label="Create share link"
        onSuccess={(data) => {
          const c = data as Created;
          setCreated({ url: c.url ?? `${window.location.origin}${c.path}`, configured: c.url !== null });
        }}
      >
        <input type="hidden" name="gameDayId" value={props.gameDayId} />
        <div className="row" style={{ alignItems: "flex-end" }}>
          <TextField name="expiresInDays" label="Expires after (days)" type="number" defaultValue={14} min={1} max={90} />
          <SubmitButton pendingText="Creating…">Create share link</SubmitButton>
        </div>
      </ActionForm>
      {created && (
        <div className="alert alert-ok" role="status">
          Copy this link now; it is not shown again:{" "}
          <code data-testid="share-url" style={{ wordBreak: "break-all" }}>
            {created.url}
          </code>
          {!created.configured && (
            <p className="muted small" data-testid="share-url-note" style={{ margin: "0.5rem 0 0" }}>
              This server has no public address configured (FIREDRILL_PUBLIC_URL), so the link uses the address in your browser: check that others reach Firedrill there. Tickets and notifications carry no link back until it is set.
            </p>
          )}
        </div>
      )}
      {props.links.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Created</th>
              <th>By</th>
              <th>Expires</th>
              <th>State</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {props.links.map((l) => (
              <tr key={l.id}>
                <td>{l.createdAt.slice(0, 16).replace("T", " ")} UTC</td>
                <td>{l.createdByName}</td>
                <td>{l.expiresAt.slice(0, 16).replace("T", " ")} UTC</td>
                <td>
                  <span className={`badge ${l.state === "active" ? "badge-ok" : "badge-warn"}`}>{l.state}</span>
                </td>
                <td>
                  {l.state === "active" && (
                    <ActionButton action={props.revoke} fields={{ shareId: l.id }} refresh className="btn btn-small" confirm="Revoke this link? Anyone holding it loses access at once.">
                      Revoke
                    </ActionButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
