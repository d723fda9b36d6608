import "server-only";
import { db } from "@/lib/db/client";
import type { FaultTarget } from "@/lib/faults/fault-module";

/** Ledger states that may still have an effect on a cluster. */
export const OPEN_STATES = ["pending", "applied", "reverting", "apply-failed"] as const;

/**
 * How long after it was sent an apply whose answer never came may still land.
 * The API server abandons a request after 60 s (its default --request-timeout);
 * the rest is margin. Until then a revert that found nothing to undo is not
 * trusted: the entry stays open and is reverted again.
 */
export const APPLY_SETTLE_MS = 90_000;

/** True when nothing more can land from this entry's apply: it answered, or it is older than the settle window. */
export function applySettled(e: { applySettledAt: Date | null; createdAt: Date }, now = Date.now()): boolean {
  return e.applySettledAt !== null || now - e.createdAt.getTime() >= APPLY_SETTLE_MS;
}

/**
 * Writes the ledger entry BEFORE the change is made, with what revert needs,
 * and only while the run is running: the run row is updated in the same
 * transaction, so a Stop that moves it to "stopping" either comes first (no
 * entry, nothing applied) or waits for the entry and then reverts it.
 */
export async function recordPendingIfRunning(e: { runId: string; clusterId: string; stepIndex: number; round: number; kind: string; objectKey: string; target: FaultTarget; undo: unknown }): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({ where: { id: e.runId, status: "running" }, data: { round: { increment: 0 } } });
    if (count === 0) return null;
    const row = await tx.ledgerEntry.create({ data: { ...e, lastRound: e.round, target: e.target as never, undo: e.undo as never, state: "pending" } });
    return row.id;
  });
}

/**
 * A repeat round applies again to an object this run already changed: its
 * entry (and the record from before the first round) stays, but is pending
 * and unsettled again until this apply ends. Only while the run is running.
 */
export async function reopenIfRunning(id: string, runId: string, round: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({ where: { id: runId, status: "running" }, data: { round: { increment: 0 } } });
    if (count === 0) return false;
    await tx.ledgerEntry.update({ where: { id }, data: { state: "pending", applySettledAt: null, lastRound: round } });
    return true;
  });
}

/**
 * The apply answered: the change is sent, and whether it took effect is
 * checked next (confirm-faults.ts). (An entry a Stop already claimed keeps
 * its state and is reverted again.)
 */
export async function markApplied(id: string): Promise<void> {
  const now = new Date();
  const { count } = await db.ledgerEntry.updateMany({ where: { id, state: "pending" }, data: { state: "applied", appliedAt: now, applySettledAt: now, effect: "checking", effectDetail: null, effectAt: null } });
  if (count === 0) await db.ledgerEntry.update({ where: { id }, data: { applySettledAt: now } });
}

/** The apply failed; `settled` when the API server answered (nothing more will land), not when the call timed out. */
export async function markApplyFailed(id: string, error: string, settled: boolean): Promise<void> {
  const data = { lastError: error, ...(settled ? { applySettledAt: new Date() } : {}) };
  const { count } = await db.ledgerEntry.updateMany({ where: { id, state: "pending" }, data: { state: "apply-failed", effect: "failed", effectDetail: `The apply failed: ${error}`, effectAt: new Date(), ...data } });
  if (count === 0) await db.ledgerEntry.update({ where: { id }, data });
}

/** A call that timed out has since been answered: from now on a revert can be trusted. */
export async function markSettled(id: string): Promise<void> {
  await db.ledgerEntry.updateMany({ where: { id, applySettledAt: null }, data: { applySettledAt: new Date() } });
}

/** Ledger entries of a run (or of every run) that may still have an effect on a cluster. */
export function openEntries(where: { runId?: string; clusterId?: string } = {}) {
  return db.ledgerEntry.findMany({ where: { ...where, state: { in: [...OPEN_STATES] } }, orderBy: { createdAt: "desc" } });
}
