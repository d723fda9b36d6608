import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { burnPasswordCheck, hashPassword, isLegacyHash, verifyPassword } from "./password";
import { accessPolicy, type AccessPolicy } from "./access-policy";
import { provisionUser } from "./provision-user";
import { checkSignUp, limitedMessage, recordSignUp } from "./sign-in-limits";
import type { Role } from "./roles";
import { roleSchema } from "./roles";
import type { SignUpInput } from "./schemas";
import type { SessionUser } from "./session-user";

export { provisionUser } from "./provision-user";

/**
 * Creates a local account under the operator's access policy: with an
 * invitation link (bound to its email, single use, expiring); as the first
 * admin only from a loopback-only server or with the one-time setup link; and
 * without an invitation only when sign-up is open (as a viewer an admin can
 * promote). Password accounts can be turned off altogether (SSO only).
 */
export async function createLocalAccount(input: SignUpInput, address: string, policy: AccessPolicy = accessPolicy()): Promise<{ userId: string; role: Role }> {
  if (!policy.passwordSignIn) throw new AppError({ code: "FORBIDDEN", message: "Password accounts are turned off here: sign in with single sign-on." });
  const limit = checkSignUp(address);
  if (!limit.ok) throw new AppError({ code: "RATE_LIMITED", message: limitedMessage(limit.retryAfterSec), retryAfterSec: limit.retryAfterSec });
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    throw new AppError({
      code: "CONFLICT",
      message: "An account with this email already exists. Sign in instead.",
      fieldErrors: { email: "An account with this email already exists." },
    });
  }
  const passwordHash = await hashPassword(input.password);
  const firstAdmin = policy.loopbackOnly ? "allowed" : input.setup ? { setupToken: input.setup } : "never";
  const rules = { firstAdmin, join: policy.signup === "open" ? "viewer" : null } as const;
  try {
    const { userId, role } = await provisionUser({ email: input.email, name: input.name, passwordHash, inviteToken: input.invite || undefined, rules });
    if (!input.invite) recordSignUp(address);
    return { userId, role };
  } catch (error) {
    recordSignUp(address);
    throw error;
  }
}

/**
 * Checks local credentials; returns the user or null (never says which part
 * was wrong). A hash from before scrypt is replaced on success.
 */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; email: string; name: string } | null> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    // Spend the same time as a real comparison so response time does not reveal accounts.
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  if (isLegacyHash(user.passwordHash)) await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return { id: user.id, email: user.email, name: user.name };
}

/** Loads the member behind a session (role read fresh, so a role change applies at once). */
export async function loadSessionUser(userId: string): Promise<SessionUser | null> {
  const membership = await db.membership.findFirst({
    where: { userId },
    include: { user: true, team: true },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) return null;
  return {
    id: membership.user.id,
    email: membership.user.email,
    name: membership.user.name,
    teamId: membership.teamId,
    teamName: membership.team.name,
    role: roleSchema.parse(membership.role),
  };
}

