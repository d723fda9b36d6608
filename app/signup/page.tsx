import type { ReactNode } from "react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { accessPolicy } from "@/lib/auth/access-policy";
import { hasFirstAdmin, isValidSetupToken } from "@/lib/auth/installation";
import { previewInvitation } from "@/lib/auth/invitations";
import { oidcProviderFromEnv } from "@/lib/auth/oidc-config";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_server/session";
import { SignUpForm } from "./sign-up-form";
import { SsoInviteButton } from "./sso-invite-button";

export const metadata = { title: "Create account" };

const param = (v: unknown) => (typeof v === "string" ? v.trim().slice(0, 100) : "");

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string; setup?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const sp = await searchParams;
  const invite = param(sp.invite);
  const setup = param(sp.setup);
  const policy = accessPolicy();
  const oidc = oidcProviderFromEnv(process.env);
  const preview = invite ? await previewInvitation(invite) : null;
  const hasAdmin = await hasFirstAdmin();
  const setupOk = !hasAdmin && setup !== "" && (await isValidSetupToken(setup));

  let intro: ReactNode;
  let form = policy.passwordSignIn;
  if (invite) {
    if (!preview || preview.state !== "open") {
      const why = !preview ? "is not valid" : preview.state === "accepted" ? "has already been used" : "has expired";
      intro = <p className="alert alert-error" role="alert">This invitation link {why}. Ask an admin of the team for a new one.</p>;
      form = false;
    } else {
      intro = (
        <p className="alert alert-info">
          You were invited to <strong>{preview.teamName}</strong> as <strong>{ROLE_LABELS[preview.role]}</strong>. The invitation is for <strong>{preview.email}</strong> and works once, until {new Date(preview.expiresAt).toUTCString()}.
        </p>
      );
    }
  } else if (!hasAdmin) {
    if (policy.loopbackOnly || setupOk) {
      intro = <p className="alert alert-info">You are the first person here: your account becomes the team&apos;s admin.</p>;
    } else {
      intro = (
        <p className="alert alert-error" role="alert">
          {setup ? "This setup link is not valid any more: restart Firedrill and use the new link it prints." : "This Firedrill has no admin yet. Open the one-time setup link printed in the server's log to create the first admin."}
        </p>
      );
      form = false;
    }
  } else if (policy.signup === "invite-only") {
    intro = <p className="alert alert-info">This Firedrill is invite-only: open the invitation link an admin of the team sent you.</p>;
    form = false;
  } else {
    intro = <p className="muted">Without an invitation you join as a viewer; an admin can give you a bigger role.</p>;
  }
  return (
    <main className="page-narrow">
      <h1>Create your account</h1>
      {intro}
      {!policy.passwordSignIn && <p className="muted">Password accounts are turned off here: sign in with single sign-on.</p>}
      {form && (
        <div className="card">
          <SignUpForm invite={invite} setup={setupOk ? setup : ""} email={preview?.state === "open" ? preview.email : ""} />
        </div>
      )}
      {oidc && preview?.state === "open" && <SsoInviteButton invite={invite} providerName={oidc.name} />}
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
