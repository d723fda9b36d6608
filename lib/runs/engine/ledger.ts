import "server-only";
import { db } from "@/lib/db/client";
import type { FaultTarget, UndoRecord } from "@/lib/faults/driver";

export const OPEN_STATES = ["pending", "applied", "reverting", "apply-failed"] as const;

/** Writes the ledger entry BEFORE the change is made, with what revert needs. */
export async function recordPlanned(e: { runId: string; clusterId: string; stepIndex: number; round: number; kind: string; target: FaultTarget; undo: UndoRecord }): Promise<string> {
  const row = await db.ledgerEntry.create({ data: { ...e, target: e.target as never, undo: e.undo as never, state: "pending" } });
  return row.id;
}

export async function markApplied(id: string): Promise<void> {
  await db.ledgerEntry.update({ where: { id }, data: { state: "applied", appliedAt: new Date() } });
}

export async function markApplyFailed(id: string, error: string): Promise<void> {
  await db.ledgerEntry.update({ where: { id }, data: { state: "apply-failed", lastError: error } });
}

/** Ledger entries of a run (or of every run) that may still have an effect on a cluster. */
export function openEntries(where: { runId?: string; clusterId?: string } = {}) {
  return db.ledgerEntry.findMany({ where: { ...where, state: { in: [...OPEN_STATES] } }, orderBy: { createdAt: "desc" } });
}
