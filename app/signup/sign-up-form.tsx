"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/fields";
import { signUpAction } from "./actions";

export function SignUpForm({ invite }: { invite: string }) {
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
      <TextField name="name" label="Your name" autoComplete="name" />
      <TextField name="email" label="Email" type="email" autoComplete="email" />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" hint="At least 10 characters." />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </ActionForm>
  );
}
