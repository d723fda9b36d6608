"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { ActionButton } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

// Long URLs and tokens scroll inside the card instead of spilling out of it; selectable for copying.
const PRE = { overflowX: "auto", maxWidth: "100%", fontSize: "0.9em", userSelect: "all" } as const;

/** Alertmanager's webhook_config for Firedrill's receiver; the token goes in a file Alertmanager reads. */
function snippet(origin: string): string {
  return [
    "receivers:",
    "  - name: firedrill",
    "    webhook_configs:",
    `      - url: ${origin}/api/v1/alertmanager/webhook`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    "            type: Bearer",
    "            credentials_file: /etc/alertmanager/firedrill-token",
  ].join("\n");
}

/**
 * Sets up the source's Alertmanager receiver (admins): the token is shown once,
 * with the webhook_config to paste; replacing it stops the old one at once.
 */
export function ReceiverSetup({ sourceId, sourceName, hasReceiver, actions }: { sourceId: string; sourceName: string; hasReceiver: boolean; actions: { rotate: Action; revoke: Action } }) {
  const [token, setToken] = useState<string | null>(null);
  // The address the admin reached Firedrill at: Alertmanager must reach the same one.
  const [origin, setOrigin] = useState("");
  return (
    <div className="stack" aria-label={`Alertmanager receiver of ${sourceName}`}>
      <p className="small">
        {hasReceiver || token ? "Alertmanager receiver: set up. Notifications it sends are recorded on the runs this source measures, so a run knows what paged." : "Alertmanager receiver: not set up. Without it a run sees alerts fire but not whether anyone was paged."}
      </p>
      <div className="row">
        <ActionForm action={actions.rotate} aria-label="Set up receiver" onSuccess={(data) => {
            setOrigin(window.location.origin);
            setToken((data as { token: string }).token);
          }}>
          <input type="hidden" name="sourceId" value={sourceId} />
          <SubmitButton className="btn btn-small" pendingText="Making a token…">
            {hasReceiver || token ? "Replace receiver token" : "Set up receiver"}
          </SubmitButton>
        </ActionForm>
        {(hasReceiver || token) && (
          <ActionButton action={actions.revoke} fields={{ sourceId }} refresh confirm={`Turn off ${sourceName}'s receiver? Alertmanager's notifications are refused from then on.`} className="btn btn-small btn-ghost" pendingText="Turning off…">
            Turn off receiver
          </ActionButton>
        )}
      </div>
      {token && (
        <div className="alert alert-ok" role="status" data-testid="receiver-token">
          <p>
            Put this token in <code>/etc/alertmanager/firedrill-token</code> on Alertmanager&apos;s host. It is shown once; the one before no longer works.
          </p>
          <pre style={PRE}>{token}</pre>
          <p>Then add this receiver and route the alerts you want measured to it:</p>
          <pre style={PRE}>{snippet(origin)}</pre>
        </div>
      )}
    </div>
  );
}
