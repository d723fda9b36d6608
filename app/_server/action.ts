import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { can, whoCan, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, toAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { publishActionChange } from "@/lib/live/publish-action-change";
import { getSessionUser } from "./session";

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

/** Turns a form submission into a plain object; a `payload` field carries JSON for rich forms. */
export function formToObject(input: FormData | Record<string, unknown>): unknown {
  if (!(input instanceof FormData)) return input;
  const payload = input.get("payload");
  if (typeof payload === "string") {
    try {
      return JSON.parse(payload);
    } catch {
      throw new AppError({ code: "BAD_INPUT", message: "The form data could not be read. Reload the page and try again." });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue; // Next.js' own fields
    if (key.endsWith("[]")) ((out[key.slice(0, -2)] ??= []) as unknown[]).push(value);
    else out[key] = value;
  }
  return out;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one way to write a server action: parse the input with zod, check the
 * session and role, call one function in lib, revalidate, tell every screen
 * of the GameDay it touched (live updates), return a typed result. Invalid
 * input changes nothing and says what to fix, per field.
 */
export function defineAction<S extends z.ZodType, R>(opts: {
  schema: S;
  permission: Permission;
  run: (input: z.infer<S>, user: SessionUser) => Promise<R>;
  revalidate?: (input: z.infer<S>, result: R) => string | string[] | undefined;
  success?: string;
}) {
  return async function action(_prev: unknown, form: FormData | Record<string, unknown>): Promise<ActionResult<R>> {
    try {
      const user = await getSessionUser();
      if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
      if (!can(user.role, opts.permission)) return { ok: false, code: "FORBIDDEN", message: whoCan(opts.permission) };
      const parsed = opts.schema.safeParse(formToObject(form));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors };
      }
      const data = await opts.run(parsed.data, user);
      const returned = opts.revalidate?.(parsed.data, data);
      const paths = typeof returned === "string" ? [returned] : (returned ?? []);
      for (const p of paths) revalidatePath(p);
      await publishActionChange(parsed.data, data, paths); // never throws: the change is already made
      return { ok: true, data, message: opts.success };
    } catch (error) {
      const e = toAppError(error);
      if (e.code === "INTERNAL") console.error("action failed:", error);
      return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
    }
  };
}
