import "server-only";
import { db } from "@/lib/db/client";
import { roleSchema, type Role } from "./roles";
import { hashToken } from "./secret-token";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export type InvitationState = "open" | "expired" | "accepted";

/** What the sign-up page may show about an invitation link before anyone signs up. */
export interface InvitationPreview {
  email: string;
  role: Role;
  teamName: string;
  state: InvitationState;
  expiresAt: string;
}

/** The state of an invitation row at `now`. */
export function invitationState(inv: { acceptedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (inv.acceptedAt) return "accepted";
  return inv.expiresAt <= now ? "expired" : "open";
}

/** The invitation behind a link's token, or null when there is none. */
export async function previewInvitation(token: string, now = new Date()): Promise<InvitationPreview | null> {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { team: { select: { name: true } } } });
  if (!inv) return null;
  return { email: inv.email, role: roleSchema.parse(inv.role), teamName: inv.team.name, state: invitationState(inv, now), expiresAt: inv.expiresAt.toISOString() };
}

/** The expiry of an invitation created at `now`. */
export const invitationExpiry = (now = new Date()) => new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
