import Link from "next/link";
import { redirect } from "next/navigation";
import { hasAnyAccount } from "@/lib/auth/accounts";
import { getSessionUser } from "@/app/_server/session";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { invite } = await searchParams;
  const first = !(await hasAnyAccount());
  return (
    <main className="page-narrow">
      <h1>Create your account</h1>
      {first ? (
        <p className="alert alert-info">You are the first person here: your account becomes the team&apos;s admin.</p>
      ) : invite ? (
        <p className="muted">You were invited: your role was chosen by the admin who invited you.</p>
      ) : (
        <p className="muted">Without an invitation you join as a viewer; an admin can give you a bigger role.</p>
      )}
      <div className="card">
        <SignUpForm invite={typeof invite === "string" ? invite.slice(0, 100) : ""} />
      </div>
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
