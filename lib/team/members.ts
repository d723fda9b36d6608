import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import { hashToken, newToken } from "@/lib/auth/secret-token";
import { invitationExpiry, invitationState, type InvitationState } from "@/lib/auth/invitations";
import { emailSchema } from "@/lib/auth/schemas";
import { roleSchema, type Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { idSchema } from "@/lib/gameday/schemas";

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const setRoleSchema = z.object({ membershipId: idSchema, role: roleSchema });
export const revokeInviteSchema = z.object({ invitationId: idSchema });

export interface TeamView {
  members: { membershipId: string; userId: string; name: string; email: string; role: Role; joinedAt: string }[];
  invitations: { id: string; email: string; role: Role; state: InvitationState; createdAt: string; expiresAt: string }[];
}

/** Members and the invitations not yet accepted (open or expired) of the member's team. */
export async function getTeam(user: SessionUser): Promise<TeamView> {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({ where: { teamId: user.teamId }, include: { user: true }, orderBy: { createdAt: "asc" } }),
    db.invitation.findMany({ where: { teamId: user.teamId, acceptedAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    members: members.map((m) => ({ membershipId: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: roleSchema.parse(m.role), joinedAt: m.createdAt.toISOString() })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: roleSchema.parse(i.role), state: invitationState(i), createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
  };
}

/**
 * Invites someone by email with a role. The link's token is returned once and
 * only its hash is stored; the invitation works once, only for that email,
 * until it expires. A new invitation for the same email withdraws the old one.
 */
export async function inviteMember(user: SessionUser, input: z.infer<typeof inviteSchema>): Promise<{ token: string; email: string; expiresAt: string }> {
  const member = await db.membership.findFirst({ where: { teamId: user.teamId, user: { email: input.email } } });
  if (member) throw new AppError({ code: "CONFLICT", message: `${input.email} is already a member.`, fieldErrors: { email: "Already a member." } });
  const token = newToken();
  const expiresAt = invitationExpiry();
  const inv = await db.$transaction(async (tx) => {
    await tx.invitation.deleteMany({ where: { teamId: user.teamId, email: input.email, acceptedAt: null } });
    return tx.invitation.create({ data: { teamId: user.teamId, email: input.email, role: input.role, tokenHash: hashToken(token), createdById: user.id, expiresAt } });
  });
  await auditBy(user, "team.invited", { type: "invitation", id: inv.id }, { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() });
  return { token, email: input.email, expiresAt: expiresAt.toISOString() };
}

/** Withdraws an open invitation. */
export async function revokeInvitation(user: SessionUser, invitationId: string): Promise<void> {
  const { count } = await db.invitation.deleteMany({ where: { id: invitationId, teamId: user.teamId, acceptedAt: null } });
  if (!count) throw notFound("Invitation");
  await auditBy(user, "team.invitation.revoked", { type: "invitation", id: invitationId });
}

/** Changes a member's role; the last admin cannot be demoted (the team would lock itself out). */
export async function setMemberRole(user: SessionUser, input: z.infer<typeof setRoleSchema>): Promise<void> {
  const m = await db.membership.findFirst({ where: { id: input.membershipId, teamId: user.teamId } });
  if (!m) throw notFound("Member");
  if (m.role === "admin" && input.role !== "admin") {
    const admins = await db.membership.count({ where: { teamId: user.teamId, role: "admin" } });
    if (admins <= 1) throw new AppError({ code: "CONFLICT", message: "The team needs at least one admin. Make someone else admin first." });
  }
  await db.membership.update({ where: { id: m.id }, data: { role: input.role } });
  await auditBy(user, "team.role", { type: "membership", id: m.id }, { from: m.role, to: input.role });
}
