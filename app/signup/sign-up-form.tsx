"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/fields";
import { signUpAction } from "./actions";

/** The sign-up form; an invitation's email is fixed (the invitation is bound to it). */
export function SignUpForm({ invite, setup, email }: { invite: string; setup: string; email: string }) {
  const router = useRouter();
  return (
    <ActionForm
      action={signUpAction}
      aria-label="Create account"
      onSuccess={async (_data, submitted) => {
        const res = await signIn("credentials", { email: String(submitted.get("email")), password: String(submitted.get("password")), redirect: false });
        router.push(res?.ok ? "/" : "/signin");
        router.refresh();
      }}
    >
      <input type="hidden" name="invite" value={invite} />
      <input type="hidden" name="setup" value={setup} />
      <TextField name="name" label="Your name" autoComplete="name" />
      <TextField name="email" label="Email" type="email" autoComplete="email" defaultValue={email || undefined} readOnly={Boolean(email)} hint={email ? "The address the invitation is for." : undefined} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" hint="At least 10 characters." />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </ActionForm>
  );
}
