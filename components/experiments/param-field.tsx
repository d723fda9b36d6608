"use client";

import { useFieldError } from "@/components/ui/action-form";
import type { FieldSpec } from "@/lib/forms/describe-fields";

/** One input generated from a zod-derived field spec. */
export function ParamField(props: { field: FieldSpec; id: string; errorName: string; value: unknown; onChange: (v: unknown) => void }) {
  const { field, id } = props;
  const error = useFieldError(props.errorName);
  const invalid = error ? true : undefined;
  const value = props.value ?? "";
  let input;
  if (field.type === "boolean") {
    return (
      <div className="field">
        <label className="checkbox">
          <input id={id} type="checkbox" checked={Boolean(props.value)} onChange={(e) => props.onChange(e.target.checked)} aria-invalid={invalid} />
          {field.label}
        </label>
        {error && <span className="error">{error}</span>}
      </div>
    );
  }
  if (field.type === "select") {
    input = (
      <select id={id} value={String(value)} onChange={(e) => props.onChange(e.target.value)} aria-invalid={invalid}>
        {field.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.type === "textarea") {
    input = <textarea id={id} value={String(value)} onChange={(e) => props.onChange(e.target.value)} aria-invalid={invalid} />;
  } else {
    const numeric = field.type === "number" || field.type === "integer";
    input = (
      <input
        id={id}
        type={numeric ? "number" : "text"}
        min={field.min}
        max={field.max}
        step={field.type === "integer" ? 1 : "any"}
        value={String(value)}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={invalid}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {input}
      {field.help && <span className="hint">{field.help}</span>}
      {error && (
        <span className="error" data-field-error={props.errorName}>
          {error}
        </span>
      )}
    </div>
  );
}
