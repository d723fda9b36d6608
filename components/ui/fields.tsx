"use client";

import type { ReactNode } from "react";
import { useFieldError, useFormPending } from "./action-form";

interface Common {
  name: string;
  label: string;
  hint?: ReactNode;
  id?: string;
}

function FieldShell({ name, label, hint, id, children, error }: Common & { children: ReactNode; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id ?? name}>{label}</label>
      {children}
      {hint && <span className="hint" id={`${id ?? name}-hint`}>{hint}</span>}
      {error && (
        <span className="error" id={`${id ?? name}-error`} data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}

function describedBy(name: string, id: string | undefined, hint: unknown, error: unknown) {
  const base = id ?? name;
  return [hint ? `${base}-hint` : "", error ? `${base}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** A labelled input whose server-side error shows beneath it. */
export function TextField(props: Common & { type?: string; defaultValue?: string | number; placeholder?: string; autoComplete?: string; step?: string; min?: number; max?: number; readOnly?: boolean }) {
  const error = useFieldError(props.name);
  const { name, label, hint, id, type = "text", ...rest } = props;
  return (
    <FieldShell name={name} label={label} hint={hint} id={id} error={error}>
      <input id={id ?? name} name={name} type={type} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, id, hint, error)} {...rest} />
    </FieldShell>
  );
}

export function TextArea(props: Common & { defaultValue?: string; placeholder?: string; rows?: number }) {
  const error = useFieldError(props.name);
  const { name, label, hint, id, ...rest } = props;
  return (
    <FieldShell name={name} label={label} hint={hint} id={id} error={error}>
      <textarea id={id ?? name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, id, hint, error)} {...rest} />
    </FieldShell>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  const error = useFieldError(props.name);
  const { name, label, hint, id, options, placeholder, defaultValue } = props;
  return (
    <FieldShell name={name} label={label} hint={hint} id={id} error={error}>
      <select id={id ?? name} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, id, hint, error)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: { name: string; label: string; defaultChecked?: boolean; hint?: string }) {
  const error = useFieldError(props.name);
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" name={props.name} defaultChecked={props.defaultChecked} aria-invalid={error ? true : undefined} />
        {props.label}
      </label>
      {props.hint && <span className="hint">{props.hint}</span>}
      {error && <span className="error">{error}</span>}
    </div>
  );
}

/** A submit button that shows progress while the action runs. */
export function SubmitButton(props: { children: ReactNode; className?: string; pendingText?: string; name?: string; value?: string; disabled?: boolean; title?: string }) {
  const pending = useFormPending();
  return (
    <button type="submit" className={props.className ?? "btn btn-primary"} disabled={pending || props.disabled} aria-busy={pending} name={props.name} value={props.value} title={props.title}>
      {pending ? (props.pendingText ?? "Saving…") : props.children}
    </button>
  );
}
