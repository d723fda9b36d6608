"use client";

import type { ReactNode } from "react";
import { ActionForm, type FormResult } from "./action-form";
import { SubmitButton } from "./fields";

/** A one-button form for a server action with fixed inputs (start, delete, vote…). */
export function ActionButton(props: {
  action: (prev: FormResult | null, form: FormData) => Promise<FormResult>;
  fields: Record<string, string>;
  children: ReactNode;
  className?: string;
  pendingText?: string;
  redirectTo?: string;
  refresh?: boolean;
  confirm?: string;
  showSuccess?: boolean;
}) {
  return (
    <ActionForm action={props.action} redirectTo={props.redirectTo} refresh={props.refresh} confirm={props.confirm} showSuccess={props.showSuccess}>
      {Object.entries(props.fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton className={props.className ?? "btn"} pendingText={props.pendingText}>
        {props.children}
      </SubmitButton>
    </ActionForm>
  );
}
