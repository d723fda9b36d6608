"use client";

import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";

/** The result every server action returns (see app/_server/action.ts). */
export type FormResult =
  | { ok: true; data: unknown; message?: string }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

interface FormState {
  result: FormResult | null;
  pending: boolean;
}

const FormStateContext = createContext<FormState>({ result: null, pending: false });

/** The field error for `name` in the enclosing ActionForm, if any. */
export function useFieldError(name: string): string | undefined {
  const { result } = useContext(FormStateContext);
  return result && !result.ok ? result.fieldErrors?.[name] : undefined;
}

export function useFormPending(): boolean {
  return useContext(FormStateContext).pending;
}

/**
 * A form bound to a server action. Keeps what was typed when the server
 * refuses it (React's form actions would reset the fields), shows the
 * server's message, and on success can reset, navigate or refresh.
 * `redirectTo` may contain `{id}`, replaced by the action's returned id.
 */
export function ActionForm(props: {
  action: Action;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  redirectTo?: string;
  refresh?: boolean;
  showSuccess?: boolean;
  "aria-label"?: string;
  confirm?: string;
  /** Client-side follow-up after success (client components only), given what was submitted. */
  onSuccess?: (data: unknown, submitted: FormData) => void;
}) {
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  // Follow-ups run in the submit handler, not in an effect: a successful action
  // often re-renders the page so that this very form is gone (a Start button
  // replaced by "Live run"), and the navigation must still happen.
  async function submit(form: HTMLFormElement, data: FormData) {
    const r = await props.action(result, data);
    setResult(r);
    if (!r.ok) return;
    props.onSuccess?.(r.data, data);
    if (props.resetOnSuccess) form.reset();
    if (props.redirectTo) {
      const d = r.data as { id?: string; runId?: string } | null;
      const target = props.redirectTo.replace("{id}", d?.id ?? d?.runId ?? "");
      const from = window.location.pathname;
      router.push(target);
      // A live-feed refresh of this page racing the soft navigation once left
      // the browser where it was (the run had started, the run page never
      // came): if it is still on this page after a moment, navigate for real.
      setTimeout(() => {
        if (window.location.pathname === from && from !== new URL(target, window.location.href).pathname) window.location.assign(target);
      }, 3000);
    } else if (props.refresh) router.refresh();
  }

  return (
    <FormStateContext.Provider value={{ result, pending }}>
      <form
        className={props.className}
        aria-label={props["aria-label"]}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (pending) return;
          if (props.confirm && !window.confirm(props.confirm)) return;
          const form = e.currentTarget;
          const data = new FormData(form, (e.nativeEvent as SubmitEvent).submitter);
          startTransition(() => submit(form, data));
        }}
      >
        {props.children}
        {result && !result.ok && (
          <div className="alert alert-error" role="alert">
            {result.message}
          </div>
        )}
        {result?.ok && props.showSuccess && result.message && (
          <div className="alert alert-ok" role="status">
            {result.message}
          </div>
        )}
      </form>
    </FormStateContext.Provider>
  );
}
