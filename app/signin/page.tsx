import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/app/_server/session";
import { hasAnyAccount } from "@/lib/auth/accounts";
import { oidcProviderFromEnv } from "@/lib/auth/oidc-config";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OidcNoEmail: "Your identity provider did not share an email address, which Firedrill needs.",
  CredentialsSignin: "That email and password do not match an account.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getSessionUser()) redirect("/");
  if (!(await hasAnyAccount())) redirect("/signup");
  const { error } = await searchParams;
  const oidc = oidcProviderFromEnv(process.env);
  return (
    <main className="page-narrow">
      <h1>Sign in to Firedrill</h1>
      {error && <p className="alert alert-error" role="alert">{ERRORS[error] ?? "Sign-in failed. Try again."}</p>}
      <div className="card">
        <SignInForm oidcName={oidc?.name ?? null} />
      </div>
      <p className="muted">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </main>
  );
}
