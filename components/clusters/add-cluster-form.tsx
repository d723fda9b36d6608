"use client";

import { Fragment, useRef, useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/**
 * What the server accepts in a kubeconfig (lib/k8s/kubeconfig-policy.ts):
 * inline credentials, and exec plugins only those the operator listed.
 */
function CredentialsHint({ execPlugins }: { execPlugins: string[] }) {
  return (
    <>
      Inline credentials only: <code>token</code>, <code>client-certificate-data</code> + <code>client-key-data</code>, <code>certificate-authority-data</code>, or username/password. Fields that name files
      on the server (<code>token-file</code>, <code>client-certificate</code>, <code>client-key</code>, <code>certificate-authority</code>) and auth-providers are refused; <code>kubectl config view --minify --flatten --raw</code> inlines the files.{" "}
      {execPlugins.length ? (
        <>Exec plugins this server allows: {execPlugins.map((p, i) => (
            <Fragment key={p}>
              {i ? ", " : ""}
              <code>{p}</code>
            </Fragment>
          ))}.</>
      ) : (
        <>Exec plugins (EKS, GKE, AKS logins) are off: the operator enables them with FIREDRILL_KUBECONFIG_EXEC_COMMANDS on the server.</>
      )}
    </>
  );
}

export function AddClusterForm({ action, execPlugins = [] }: { action: Action; execPlugins?: string[] }) {
  const [source, setSource] = useState("kubeconfig");
  const area = useRef<HTMLDivElement>(null);
  return (
    <ActionForm action={action} refresh resetOnSuccess aria-label="Add cluster">
      <TextField name="name" label="Name" placeholder="staging" />
      <fieldset>
        <legend>Credentials</legend>
        <label className="checkbox">
          <input type="radio" name="source" value="kubeconfig" checked={source === "kubeconfig"} onChange={() => setSource("kubeconfig")} /> Kubeconfig (inline token or client certificate; exec plugins the operator allows)
        </label>
        <label className="checkbox">
          <input type="radio" name="source" value="in-cluster" checked={source === "in-cluster"} onChange={() => setSource("in-cluster")} /> In-cluster service account (Firedrill runs inside this cluster)
        </label>
      </fieldset>
      {source === "kubeconfig" && (
        <div ref={area}>
          <TextArea name="kubeconfig" label="Kubeconfig" rows={8} hint={<CredentialsHint execPlugins={execPlugins} />} placeholder="apiVersion: v1&#10;kind: Config&#10;clusters: …" />
          <div className="field">
            <label htmlFor="kubeconfig-file">…or upload a file</label>
            <input
              id="kubeconfig-file"
              type="file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                const textarea = area.current?.querySelector<HTMLTextAreaElement>("textarea[name=kubeconfig]");
                if (file && textarea) textarea.value = await file.text();
              }}
            />
          </div>
          <TextField name="context" label="Context (empty: the kubeconfig's current context)" />
        </div>
      )}
      <SubmitButton pendingText="Adding…">Add cluster</SubmitButton>
    </ActionForm>
  );
}
