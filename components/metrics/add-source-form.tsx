"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { CheckboxField, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** Adds a Prometheus source (admins): URL, its Alertmanager, optional bearer or basic auth, TLS options. */
export function AddSourceForm({ action, clusters }: { action: Action; clusters: { value: string; label: string }[] }) {
  const [auth, setAuth] = useState("none");
  return (
    <ActionForm action={action} refresh resetOnSuccess showSuccess aria-label="Add Prometheus">
      <TextField name="name" label="Name" placeholder="Production Prometheus" />
      <TextField name="url" label="Base URL" placeholder="http://prometheus.monitoring:9090" />
      <TextField name="alertmanagerUrl" label="Alertmanager URL (optional)" placeholder="http://alertmanager.monitoring:9093" hint="Read during runs for the alerts it holds; the alerting rules are read from this Prometheus." />
      <SelectField name="clusterId" label="Cluster" options={clusters} placeholder="Every cluster (team default)" />
      <div className="field">
        <label htmlFor="authKind">Authentication</label>
        <select id="authKind" name="authKind" value={auth} onChange={(e) => setAuth(e.target.value)}>
          <option value="none">None</option>
          <option value="bearer">Bearer token</option>
          <option value="basic">Basic (user and password)</option>
        </select>
      </div>
      {auth === "bearer" && <TextField name="token" label="Bearer token" type="password" autoComplete="off" />}
      {auth === "basic" && (
        <div className="grid-2">
          <TextField name="username" label="User" autoComplete="off" />
          <TextField name="password" label="Password" type="password" autoComplete="off" />
        </div>
      )}
      <CheckboxField name="tlsSkipVerify" label="Skip TLS certificate verification (self-signed lab servers only)" />
      <TextArea name="caCert" label="CA certificate (PEM, optional)" rows={3} placeholder="-----BEGIN CERTIFICATE-----" />
      <SubmitButton pendingText="Adding…">Add source</SubmitButton>
    </ActionForm>
  );
}
