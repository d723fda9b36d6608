import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadSessionUser } from "@/lib/auth/accounts";
import { can, whoCan, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { tokenTextSchema, type TokenScope } from "./schemas";
import { hashToken } from "./tokens";

/** Who is calling the API: the token's owner as the server sees them now, and the token. */
export interface ApiCaller {
  user: SessionUser;
  token: { id: string; prefix: string; scope: TokenScope };
}

const SCOPE_RANK: Record<TokenScope, number> = { read: 0, run: 1 };

const unauthenticated = (message: string) => new AppError({ code: "UNAUTHENTICATED", message });

/**
 * Authenticates an API request by its `Authorization: Bearer fdt_…` header
 * and authorizes it: the token must exist, be neither revoked nor expired,
 * belong to a current member, carry `scope`, and its owner's role must grant
 * `permission` (checked now, so a demotion applies at once). 401 for who,
 * 403 for what; a refused use of a real token is audited.
 */
export async function authenticateApiRequest(authorization: string | null, scope: TokenScope, permission: Permission, now = new Date()): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw unauthenticated("Send a personal access token: Authorization: Bearer fdt_…");
  if (!tokenTextSchema.safeParse(match[1]).success) throw unauthenticated("This is not a Firedrill token.");
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]) }, include: { user: { select: { email: true } } } });
  if (!row) throw unauthenticated("Unknown token.");
  const refuse = async (code: "UNAUTHENTICATED" | "FORBIDDEN", reason: string, message: string): Promise<never> => {
    await recordAudit({ teamId: row.teamId, actorId: row.userId, actorEmail: row.user.email, action: "api-token.refused", targetType: "api-token", targetId: row.id, details: { prefix: row.prefix, reason, scope, permission } });
    throw new AppError({ code, message });
  };
  if (row.revokedAt) return refuse("UNAUTHENTICATED", "revoked", "This token was revoked.");
  if (row.expiresAt <= now) return refuse("UNAUTHENTICATED", "expired", `This token expired on ${row.expiresAt.toISOString().slice(0, 10)}.`);
  const user = await loadSessionUser(row.userId);
  if (!user || user.teamId !== row.teamId) return refuse("UNAUTHENTICATED", "not-a-member", "The token's owner is no longer a member of the team.");
  if (SCOPE_RANK[row.scope as TokenScope] === undefined || SCOPE_RANK[row.scope as TokenScope] < SCOPE_RANK[scope]) return refuse("FORBIDDEN", "scope", `This token is scoped to ${row.scope}; this call needs a ${scope} token.`);
  if (!can(user.role, permission)) return refuse("FORBIDDEN", "role", whoCan(permission));
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { user, token: { id: row.id, prefix: row.prefix, scope: row.scope as TokenScope } };
}
