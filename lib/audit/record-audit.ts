import "server-only";
import { db, type Db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";

type Tx = Pick<Db, "auditLog">;

export interface AuditEntry {
  teamId: string | null;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Appends to the audit log. Pass the transaction client when the audited
 * change happens in a transaction, so the entry commits (or not) with it.
 */
export async function recordAudit(entry: AuditEntry, tx: Tx = db): Promise<void> {
  await tx.auditLog.create({
    data: {
      teamId: entry.teamId,
      actorId: entry.actorId,
      actorEmail: entry.actorEmail,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: (entry.details ?? undefined) as never,
    },
  });
}

/** Shorthand for an entry made by a signed-in member. */
export function auditBy(
  user: SessionUser,
  action: string,
  target: { type: string; id: string },
  details?: Record<string, unknown>,
  tx?: Tx,
): Promise<void> {
  return recordAudit(
    { teamId: user.teamId, actorId: user.id, actorEmail: user.email, action, targetType: target.type, targetId: target.id, details },
    tx,
  );
}
