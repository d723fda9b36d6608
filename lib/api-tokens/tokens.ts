import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { tokenScopeSchema, type CreateTokenInput, type TokenScope } from "./schemas";

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
}

/** Only this hash is stored: a database dump hands out no working token. */
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Creates a personal access token for the member. The token is returned
 * once, here; afterwards only its hash and first characters exist.
 */
export async function createApiToken(user: SessionUser, input: CreateTokenInput): Promise<{ id: string; token: string; prefix: string; expiresAt: string }> {
  const token = `fdt_${crypto.randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, 12);
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db.apiToken.create({ data: { userId: user.id, teamId: user.teamId, name: input.name, tokenHash: hashToken(token), prefix, scope: input.scope, expiresAt } });
  await auditBy(user, "api-token.created", { type: "api-token", id: row.id }, { name: input.name, scope: input.scope, prefix, expiresAt: expiresAt.toISOString() });
  return { id: row.id, token, prefix, expiresAt: expiresAt.toISOString() };
}

/** The member's own tokens, newest first, with whether each still works. */
export async function listApiTokens(user: SessionUser, now = new Date()): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId: user.id, teamId: user.teamId }, orderBy: { createdAt: "desc" } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: tokenScopeSchema.parse(t.scope),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state: t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "active",
  }));
}

/** Revokes a token at once (its owner, or an admin of the team). Revoking twice is a no-op. */
export async function revokeApiToken(user: SessionUser, tokenId: string): Promise<void> {
  const t = await db.apiToken.findFirst({ where: { id: tokenId, teamId: user.teamId, ...(can(user.role, "administer") ? {} : { userId: user.id }) } });
  if (!t) throw notFound("Token");
  if (t.revokedAt) return;
  // Conditional, so two revokes at once write one audit entry.
  const { count } = await db.apiToken.updateMany({ where: { id: t.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count) await auditBy(user, "api-token.revoked", { type: "api-token", id: t.id }, { name: t.name, prefix: t.prefix });
}
