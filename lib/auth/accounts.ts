import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { Role } from "./roles";
import { roleSchema } from "./roles";
import type { SignUpInput } from "./schemas";
import type { SessionUser } from "./session-user";

const DEFAULT_TEAM_NAME = "My team";

/**
 * Creates a local account. The very first account of an installation creates
 * the team and becomes its admin; later accounts join through an invitation
 * (with the invited role) or, without one, as viewers an admin can promote.
 */
export async function createLocalAccount(input: SignUpInput): Promise<{ userId: string; role: Role }> {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    throw new AppError({
      code: "CONFLICT",
      message: "An account with this email already exists. Sign in instead.",
      fieldErrors: { email: "An account with this email already exists." },
    });
  }
  const passwordHash = await hashPassword(input.password);
  return provisionUser({ email: input.email, name: input.name, passwordHash, inviteToken: input.invite || undefined });
}

/**
 * Creates the user and their membership in one transaction. Used by local
 * sign-up and by the first OIDC sign-in of a person.
 */
export async function provisionUser(opts: {
  email: string;
  name: string;
  passwordHash?: string;
  inviteToken?: string;
}): Promise<{ userId: string; role: Role }> {
  return db.$transaction(async (tx) => {
    const invitation = opts.inviteToken
      ? await tx.invitation.findUnique({ where: { token: opts.inviteToken } })
      : await tx.invitation.findFirst({ where: { email: opts.email, acceptedAt: null }, orderBy: { createdAt: "desc" } });
    if (opts.inviteToken && (!invitation || invitation.acceptedAt)) {
      throw new AppError({
        code: "BAD_INPUT",
        message: "This invitation link is not valid any more. Ask an admin for a new one.",
        fieldErrors: { invite: "Invitation not found or already used." },
      });
    }
    const user = await tx.user.create({ data: { email: opts.email, name: opts.name, passwordHash: opts.passwordHash } });
    let teamId: string;
    let role: Role;
    if (invitation) {
      teamId = invitation.teamId;
      role = roleSchema.parse(invitation.role);
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    } else {
      const team = await tx.team.findFirst({ orderBy: { createdAt: "asc" } });
      if (team) {
        teamId = team.id;
        role = "viewer";
      } else {
        teamId = (await tx.team.create({ data: { name: DEFAULT_TEAM_NAME } })).id;
        role = "admin";
      }
    }
    await tx.membership.create({ data: { userId: user.id, teamId, role } });
    await recordAudit(
      { teamId, actorId: user.id, actorEmail: user.email, action: "account.created", targetType: "user", targetId: user.id, details: { role } },
      tx,
    );
    return { userId: user.id, role };
  });
}

/** Checks local credentials; returns the user id or null (never says which part was wrong). */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; email: string; name: string } | null> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    // Spend the same time as a real comparison so response time does not reveal accounts.
    await burnPasswordCheck(password);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id, email: user.email, name: user.name } : null;
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

/** Finds a user by email (for OIDC sign-in). */
export function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email } });
}

/** Whether anyone has signed up yet (the sign-up page says "you will be the admin"). */
export async function hasAnyAccount(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** A random, URL-safe token for invitations and share links. */
export function newToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}
