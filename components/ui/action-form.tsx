"use client";

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type ReactNode } from "react";
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
  const [result, dispatch, pending] = useActionState(props.action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = useRef<FormData | null>(null);
  const onSuccess = useRef(props.onSuccess);
  onSuccess.current = props.onSuccess;
  const router = useRouter();
  const { resetOnSuccess, redirectTo, refresh } = props;

  useEffect(() => {
    if (!result?.ok) return;
    if (onSuccess.current && submitted.current) onSuccess.current(result.data, submitted.current);
    if (resetOnSuccess) formRef.current?.reset();
    if (redirectTo) {
      const id = (result.data as { id?: string; runId?: string } | null)?.id ?? (result.data as { runId?: string } | null)?.runId ?? "";
      router.push(redirectTo.replace("{id}", id));
    } else if (refresh) router.refresh();
  }, [result, resetOnSuccess, redirectTo, refresh, router]);

  return (
    <FormStateContext.Provider value={{ result, pending }}>
      <form
        ref={formRef}
        className={props.className}
        aria-label={props["aria-label"]}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (props.confirm && !window.confirm(props.confirm)) return;
          const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
          submitted.current = data;
          startTransition(() => dispatch(data));
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
