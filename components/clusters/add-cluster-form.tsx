"use client";

import { useRef, useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

export function AddClusterForm({ action }: { action: Action }) {
  const [source, setSource] = useState("kubeconfig");
  const area = useRef<HTMLDivElement>(null);
  return (
    <ActionForm action={action} refresh resetOnSuccess aria-label="Add cluster">
      <TextField name="name" label="Name" placeholder="staging" />
      <fieldset>
        <legend>Credentials</legend>
        <label className="checkbox">
          <input type="radio" name="source" value="kubeconfig" checked={source === "kubeconfig"} onChange={() => setSource("kubeconfig")} /> Kubeconfig (token, client certificate or exec/OIDC)
        </label>
        <label className="checkbox">
          <input type="radio" name="source" value="in-cluster" checked={source === "in-cluster"} onChange={() => setSource("in-cluster")} /> In-cluster service account (Firedrill runs inside this cluster)
        </label>
      </fieldset>
      {source === "kubeconfig" && (
        <div ref={area}>
          <TextArea name="kubeconfig" label="Kubeconfig" rows={8} placeholder="apiVersion: v1&#10;kind: Config&#10;clusters: …" />
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
