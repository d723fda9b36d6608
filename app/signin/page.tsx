import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/app/_server/session";
import { hasFirstAdmin } from "@/lib/auth/installation";
import { oidcProviderFromEnv } from "@/lib/auth/oidc-config";
import { accessPolicy } from "@/lib/auth/access-policy";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  RateLimited: "Too many attempts. Wait a few minutes, then try again.",
  SsoNoSubject: "Your identity provider did not say who you are (no subject or no valid email address).",
  SsoEmailUnverified: "Your identity provider has not verified your email address, so Firedrill cannot tell it is yours.",
  SsoDomain: "Accounts of your email domain may not sign in here.",
  SsoGroup: "Your account is not in a group allowed to sign in here.",
  SsoLocalAccountExists: "An account with your email already exists here with a password. Sign in with it: single sign-on never takes over an existing account.",
  SsoInviteOnly: "This Firedrill is invite-only. Ask an admin of the team for an invitation link, then open it.",
  SsoInvite: "The invitation link is not valid for this account (used, expired, or for another email). Ask an admin for a new one.",
  SsoFailed: "Single sign-on failed. Try again, or ask an admin to check the server's log.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const policy = accessPolicy();
  if (!(await hasFirstAdmin()) && policy.passwordSignIn) redirect("/signup");
  const { error } = await searchParams;
  const oidc = oidcProviderFromEnv(process.env);
  return (
    <main className="page-narrow">
      <h1>Sign in to Firedrill</h1>
      {error && <p className="alert alert-error" role="alert">{ERRORS[error] ?? "Sign-in failed. Try again."}</p>}
      <div className="card">
        <SignInForm oidcName={oidc?.name ?? null} password={policy.passwordSignIn} />
      </div>
      {policy.passwordSignIn && (
        <p className="muted">
          {policy.signup === "open" ? "New here? " : "Invited? Open the link you were sent, or "}
          <Link href="/signup">create an account</Link>
        </p>
      )}
    </main>
  );
}
