"use server";

import { headers } from "next/headers";
import { createLocalAccount } from "@/lib/auth/accounts";
import { clientAddress } from "@/lib/auth/client-address";
import { signUpSchema } from "@/lib/auth/schemas";
import { toAppError } from "@/lib/errors";
import type { ActionResult } from "@/app/_server/action";

/** Creates a local account (no session needed: this is how people get one), within the sign-up rate limit. */
export async function signUpAction(_prev: unknown, form: FormData): Promise<ActionResult<{ role: string }>> {
  const entries = form instanceof FormData ? Object.fromEntries(form.entries()) : form;
  const parsed = signUpSchema.safeParse(entries);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[i.path.join(".")] ??= i.message;
    return { ok: false, code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors };
  }
  try {
    const { role } = await createLocalAccount(parsed.data, clientAddress(await headers()));
    return { ok: true, data: { role } };
  } catch (error) {
    const e = toAppError(error);
    if (e.code === "INTERNAL") console.error("sign-up failed:", error);
    return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  }
}
