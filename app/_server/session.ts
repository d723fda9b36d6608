import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { loadSessionUser } from "@/lib/auth/accounts";
import type { SessionUser } from "@/lib/auth/session-user";
import { authOptions } from "./auth-options";

/** The signed-in member for this request, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  return loadSessionUser(session.uid);
}

/** The signed-in member; sends anyone else to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return user;
}
