import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { hashToken, newToken } from "@/lib/auth/secret-token";

/** Where Alertmanager sends its webhook (path on Firedrill's own address). */
export const RECEIVER_PATH = "/api/v1/alertmanager/webhook";

/**
 * Sets up (or replaces) a source's Alertmanager receiver: a new bearer token,
 * of which only the hash is stored. The token is returned once, to be put in
 * Alertmanager's webhook_config; the one before stops working at once.
 */
export async function rotateReceiverToken(user: SessionUser, sourceId: string): Promise<{ token: string }> {
  const token = `fdam_${newToken()}`;
  const { count } = await db.metricsSource.updateMany({ where: { id: sourceId, teamId: user.teamId }, data: { receiverTokenHash: hashToken(token) } });
  if (!count) throw notFound("Metrics source");
  await auditBy(user, "metrics-source.receiver-token-rotated", { type: "metrics-source", id: sourceId });
  return { token };
}

/** Turns a source's receiver off: its token stops working. */
export async function revokeReceiverToken(user: SessionUser, sourceId: string): Promise<void> {
  const { count } = await db.metricsSource.updateMany({ where: { id: sourceId, teamId: user.teamId }, data: { receiverTokenHash: null } });
  if (!count) throw notFound("Metrics source");
  await auditBy(user, "metrics-source.receiver-token-revoked", { type: "metrics-source", id: sourceId });
}
