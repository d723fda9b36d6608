import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";

export interface AuditRow {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  details: string;
}

/** The newest audit entries of the team (paged by `before`, an ISO time). */
export async function listAudit(user: SessionUser, opts: { before?: Date; limit?: number } = {}): Promise<AuditRow[]> {
  const rows = await db.auditLog.findMany({
    where: { teamId: user.teamId, ...(opts.before ? { at: { lt: opts.before } } : {}) },
    orderBy: { at: "desc" },
    take: Math.min(opts.limit ?? 100, 500),
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorEmail: r.actorEmail,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    details: r.details ? JSON.stringify(r.details) : "",
  }));
}
