import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { accessPolicy } from "./access-policy";
import { verifyCredentials } from "./accounts";
import { checkSignIn, limitedMessage, recordSignInFailure, recordSignInSuccess } from "./sign-in-limits";

/**
 * A password sign-in under the operator's policy and the rate limits: refused
 * (RATE_LIMITED, with the wait) before any hash is computed once the account
 * or the client address has failed too often; every failure is counted and
 * written to the audit log with the address it came from. Returns the user,
 * or null when the email and password do not match.
 */
export async function signInWithPassword(email: string, password: string, address: string): Promise<{ id: string; email: string; name: string } | null> {
  if (!accessPolicy().passwordSignIn) throw new AppError({ code: "FORBIDDEN", message: "Password sign-in is turned off here: sign in with single sign-on." });
  const limit = checkSignIn(email, address);
  if (!limit.ok) throw new AppError({ code: "RATE_LIMITED", message: limitedMessage(limit.retryAfterSec), retryAfterSec: limit.retryAfterSec });
  const user = await verifyCredentials(email, password);
  if (user) {
    recordSignInSuccess(email);
    return user;
  }
  recordSignInFailure(email, address);
  const known = await db.user.findUnique({ where: { email }, select: { id: true, memberships: { select: { teamId: true }, take: 1 } } });
  // An unknown address goes to the installation's team, so its admins see the attempts too.
  const teamId = known?.memberships[0]?.teamId ?? (await db.team.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? null;
  await recordAudit({
    teamId,
    actorId: null,
    actorEmail: email.slice(0, 254),
    action: "auth.sign-in-failed",
    targetType: "user",
    targetId: known?.id ?? "unknown",
    details: { address, account: known ? "exists" : "unknown" },
  }).catch((error) => console.error("audit of a failed sign-in failed:", error));
  return null;
}
