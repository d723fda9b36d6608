"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignInForm({ oidcName, password }: { oidcName: string | null; password: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      {password && (
        <form
          aria-label="Sign in"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const email = String(form.get("email") ?? "").trim();
            const password = String(form.get("password") ?? "");
            if (!email || !password) return setError("Enter your email and password.");
            setPending(true);
            setError(null);
            const res = await signIn("credentials", { email, password, redirect: false });
            setPending(false);
            if (res?.error === "RateLimited" || res?.status === 429) return setError("Too many attempts. Wait a few minutes, then try again.");
            if (!res?.ok) return setError("That email and password do not match an account.");
            router.push("/");
            router.refresh();
          }}
        >
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" />
          </div>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
          <button className="btn btn-primary" type="submit" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      )}
      {oidcName && (
        <p style={{ marginTop: "1rem" }}>
          <button className="btn" type="button" onClick={() => signIn("oidc", { callbackUrl: "/" })}>
            Sign in with {oidcName}
          </button>
        </p>
      )}
    </>
  );
}
