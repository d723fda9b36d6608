import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { emailSchema } from "./schemas";
import { accessPolicy, type AccessPolicy } from "./access-policy";
import { provisionUser } from "./provision-user";
import { ROLES, type Role } from "./roles";

/** What the identity provider said about the person, from the verified ID token. */
export interface SsoClaims {
  issuer: string;
  subject: string;
  email?: unknown;
  emailVerified?: unknown;
  name?: unknown;
  groups?: unknown;
}

/** Why an SSO sign-in was refused: the sign-in page's error key (never the message text). */
export type SsoRefusal = "SsoNoSubject" | "SsoEmailUnverified" | "SsoDomain" | "SsoGroup" | "SsoLocalAccountExists" | "SsoInviteOnly" | "SsoInvite";

const refuse = (reason: SsoRefusal, message: string) => new AppError({ code: "FORBIDDEN", message, fieldErrors: { sso: reason } });

const groupsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((g): g is string => typeof g === "string") : typeof v === "string" ? [v] : []);

/** The most powerful role the person's groups map to, or null. */
function mappedRole(groups: string[], policy: AccessPolicy): Role | null {
  const roles = groups.map((g) => policy.oidc.groupRoles.get(g)).filter((r): r is Role => Boolean(r));
  return roles.length ? roles.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a)) : null;
}

/** Domain and group rules apply at every sign-in: leaving the allowed group locks the person out. */
function checkAllowed(email: string, groups: string[], policy: AccessPolicy): void {
  const domain = email.split("@")[1] ?? "";
  if (policy.oidc.allowedDomains.length && !policy.oidc.allowedDomains.includes(domain)) throw refuse("SsoDomain", `Accounts of ${domain} may not sign in here.`);
  if (policy.oidc.allowedGroups.length && !groups.some((g) => policy.oidc.allowedGroups.includes(g))) throw refuse("SsoGroup", "Your account is not in a group allowed to sign in here.");
}

/**
 * Decides who an SSO sign-in is, by the identity's (issuer, subject) and never
 * by email: an email the provider has not verified is refused, and a local
 * account that merely carries the same address is never taken over (whoever
 * created it first would capture the SSO login). A new identity becomes a new
 * account through an invitation link bound to its verified email, a group
 * mapped to a role, or open sign-up. Mapped groups set the role at each
 * sign-in (the last admin is never demoted). Returns the user id.
 */
export async function resolveSsoSignIn(claims: SsoClaims, opts: { inviteToken?: string; policy?: AccessPolicy } = {}): Promise<string> {
  const policy = opts.policy ?? accessPolicy();
  if (!claims.issuer || !claims.subject) throw refuse("SsoNoSubject", "The identity provider did not say who you are (no issuer or subject).");
  const parsedEmail = emailSchema.safeParse(claims.email);
  const groups = groupsOf(claims.groups);
  const role = mappedRole(groups, policy);
  const identity = await db.userIdentity.findUnique({ where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } }, include: { user: { include: { memberships: true } } } });
  if (identity) {
    checkAllowed(identity.email, groups, policy);
    await db.userIdentity.update({ where: { id: identity.id }, data: { lastSignInAt: new Date() } });
    const membership = identity.user.memberships[0];
    if (role && membership && membership.role !== role) await applyMappedRole(membership, role, identity.user.email);
    return identity.userId;
  }
  if (claims.emailVerified !== true) throw refuse("SsoEmailUnverified", "Your identity provider has not verified your email address, so Firedrill cannot tell it is yours.");
  if (!parsedEmail.success) throw refuse("SsoNoSubject", "Your identity provider did not share a valid email address, which Firedrill needs.");
  const email = parsedEmail.data;
  checkAllowed(email, groups, policy);
  if (await db.user.findUnique({ where: { email } })) {
    throw refuse("SsoLocalAccountExists", `An account with ${email} already exists here with a password. Sign in with it; single sign-on never takes over an existing account.`);
  }
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 80) : email;
  const rules = { firstAdmin: policy.loopbackOnly || role === "admin" ? "allowed" : "never", join: role ?? (policy.signup === "open" ? "viewer" : null) } as const;
  try {
    const { userId } = await provisionUser({ email, name, identity: { issuer: claims.issuer, subject: claims.subject }, inviteToken: opts.inviteToken, rules });
    return userId;
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") throw refuse(opts.inviteToken ? "SsoInvite" : "SsoInviteOnly", error.message);
    throw error;
  }
}

async function applyMappedRole(m: { id: string; teamId: string; role: string }, role: Role, email: string): Promise<void> {
  if (m.role === "admin") {
    const admins = await db.membership.count({ where: { teamId: m.teamId, role: "admin" } });
    if (admins <= 1) return;
  }
  await db.membership.update({ where: { id: m.id }, data: { role } });
  await recordAudit({ teamId: m.teamId, actorId: null, actorEmail: "single sign-on", action: "team.role", targetType: "membership", targetId: m.id, details: { from: m.role, to: role, email, via: "OIDC_GROUP_ROLES" } });
}

/** The user linked to an SSO identity, or undefined (the session then carries no user). */
export async function findSsoUserId(issuer: string, subject: string): Promise<string | undefined> {
  const identity = await db.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, select: { userId: true } });
  return identity?.userId;
}
