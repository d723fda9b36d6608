import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashToken } from "./secret-token";
import { invitationState } from "./invitations";
import { roleSchema, type Role } from "./roles";

const DEFAULT_TEAM_NAME = "My team";

/**
 * How a new account may come in when it has no invitation:
 * - firstAdmin: "allowed" (loopback-only server, operator scripts, tests),
 *   { setupToken } (the one-time link printed at start-up) or "never";
 * - join: the role of someone joining an existing team without an invitation
 *   (open sign-up, SSO group mapping), or null to refuse them.
 */
export interface ProvisionRules {
  firstAdmin: "allowed" | "never" | { setupToken: string };
  join: Role | null;
}

export interface ProvisionInput {
  email: string;
  name: string;
  passwordHash?: string;
  /** An SSO identity to link, by issuer and subject. */
  identity?: { issuer: string; subject: string };
  /** The token of an invitation link: accepted only when it is open and its email is this account's. */
  inviteToken?: string;
  rules?: ProvisionRules;
}

const refuse = (message: string, field = "_form") => new AppError({ code: "FORBIDDEN", message, fieldErrors: { [field]: message } });

/**
 * Creates the user, their membership and (for SSO) their identity in one
 * transaction, deciding the team and role in that same transaction: an
 * invitation is claimed once (its row's update is conditional on being open),
 * and the first admin of an installation is claimed once (the installation
 * row's update is conditional on having none), so two sign-ups at the same
 * moment on two replicas can neither both use one link nor both become the
 * first admin of two teams.
 */
export async function provisionUser(input: ProvisionInput): Promise<{ userId: string; role: Role; teamId: string }> {
  const rules = input.rules ?? { firstAdmin: "allowed", join: "viewer" };
  await db.installation.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  return db.$transaction(async (tx) => {
    const now = new Date();
    let teamId: string;
    let role: Role;
    let via: string;
    if (input.inviteToken) {
      const inv = await tx.invitation.findUnique({ where: { tokenHash: hashToken(input.inviteToken) } });
      const state = inv ? invitationState(inv, now) : null;
      if (!inv || state !== "open") {
        const why = state === "accepted" ? "has already been used" : state === "expired" ? "has expired" : "is not valid";
        throw refuse(`This invitation link ${why}. Ask an admin for a new one.`, "invite");
      }
      if (inv.email !== input.email) throw refuse(`This invitation is for ${inv.email}: sign up with that address, or ask an admin to invite yours.`, "email");
      const { count } = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
      if (!count) throw refuse("This invitation link has already been used. Ask an admin for a new one.", "invite");
      teamId = inv.teamId;
      role = roleSchema.parse(inv.role);
      via = `invitation:${inv.id}`;
    } else {
      const setup = typeof rules.firstAdmin === "object" ? rules.firstAdmin.setupToken : null;
      const claimable = rules.firstAdmin === "allowed" || setup !== null;
      const claimed = claimable
        ? (
            await tx.installation.updateMany({
              where: { id: 1, firstAdminAt: null, ...(setup !== null ? { setupTokenHash: hashToken(setup), setupTokenExpiresAt: { gt: now } } : {}) },
              data: { firstAdminAt: now, setupTokenHash: null, setupTokenExpiresAt: null },
            })
          ).count === 1
        : false;
      const team = claimed ? null : await tx.team.findFirst({ orderBy: { createdAt: "asc" } });
      if (claimed) {
        teamId = (await tx.team.create({ data: { name: DEFAULT_TEAM_NAME } })).id;
        role = "admin";
        via = setup !== null ? "setup-link" : "first-account";
      } else if (!team) {
        throw refuse(
          setup !== null
            ? "This setup link is not valid any more. Restart Firedrill and use the new link it prints."
            : "This Firedrill has no admin yet. Open the one-time setup link printed in the server's log to create the first admin.",
        );
      } else if (rules.join === null) {
        throw refuse("This Firedrill is invite-only. Ask an admin of the team for an invitation link.");
      } else {
        teamId = team.id;
        role = rules.join;
        via = "open-sign-up";
      }
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash } });
    if (input.inviteToken) await tx.invitation.updateMany({ where: { tokenHash: hashToken(input.inviteToken) }, data: { acceptedById: user.id } });
    if (input.identity) await tx.userIdentity.create({ data: { userId: user.id, issuer: input.identity.issuer, subject: input.identity.subject, email: input.email, lastSignInAt: now } });
    await tx.membership.create({ data: { userId: user.id, teamId, role } });
    await recordAudit({ teamId, actorId: user.id, actorEmail: user.email, action: "account.created", targetType: "user", targetId: user.id, details: { role, via, sso: Boolean(input.identity) } }, tx);
    return { userId: user.id, role, teamId };
  });
}
