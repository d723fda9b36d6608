import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { describeObject, type BoundFault, type FaultTarget } from "@/lib/faults/fault-module";
import { experimentOfRun } from "../lifecycle/frozen-experiment";
import { addRunEvent, type Actor } from "../lifecycle/timeline";
import { releaseLocksIfDone } from "../lifecycle/target-locks";
import { applySettled, OPEN_STATES } from "./ledger";
import { entryBinder, inPool, type LedgerRow } from "./bind-entries";

/** Reverts in flight at once per (step, round) group. */
export const REVERT_CONCURRENCY = 16;

/** Backoff between revert attempts: 1 s, 2 s, 4 s … capped at 60 s. */
export function revertBackoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

export interface RevertOutcome {
  reverted: number;
  failed: { target: string; error: string }[];
  /** Reverted, but an apply that never answered may still land: kept open and reverted again later. */
  waiting: string[];
}

type Entry = LedgerRow;

/**
 * Reverts every open ledger entry of a run, newest first (undo in reverse
 * order). There is one entry per object, holding what the object was before
 * the FIRST round touched it, so a retried revert can only ever restore that.
 * Each revert is idempotent; failures stay open and are retried by the engine
 * with backoff; an entry whose apply may still land is reverted but closed
 * only once it can no longer. Errors come back as data so one dead target
 * never blocks the others. A reverted entry is then checked by
 * confirm-faults.ts until the cluster shows the target recovered.
 */
export async function revertRun(runId: string, actor: Actor): Promise<RevertOutcome> {
  const outcome: RevertOutcome = { reverted: 0, failed: [], waiting: [] };
  const entries = await db.ledgerEntry.findMany({ where: { runId, state: { in: [...OPEN_STATES] } }, orderBy: [{ createdAt: "desc" }] });
  const run = await db.run.findUnique({ where: { id: runId }, include: { experiment: { include: { gameDay: { select: { teamId: true } } } } } });
  if (!run) return outcome;
  if (entries.length === 0) {
    await releaseLocksIfDone(runId);
    return outcome;
  }
  const bind = entryBinder(runId, await experimentOfRun(run));
  const reverted: string[] = [];
  const revertOne = async (e: Entry) => {
    const target = e.target as unknown as FaultTarget;
    const label = describeObject(target);
    const r = await revertEntry(e, bind);
    if (r.state === "reverted") {
      outcome.reverted++;
      reverted.push(label);
    } else if (r.state === "waiting") {
      outcome.waiting.push(label);
    } else if (r.state === "failed") {
      outcome.failed.push({ target: label, error: r.error });
      if (e.attempts === 0 || e.attempts % 5 === 0) await addRunEvent(runId, "error", `Revert of ${e.kind} on ${label} failed (attempt ${e.attempts + 1}), will retry: ${r.error}`, actor);
    }
  };

  // Undo in reverse order of application: later rounds and steps first, and
  // within one (round, step) group in parallel, bounded, so a big blast
  // radius still stops in seconds.
  const groups = new Map<string, Entry[]>();
  for (const e of entries) groups.set(`${e.round}:${e.stepIndex}`, [...(groups.get(`${e.round}:${e.stepIndex}`) ?? []), e]);
  const order = [...groups.keys()].sort((a, b) => {
    const [ra, sa] = a.split(":").map(Number);
    const [rb, sb] = b.split(":").map(Number);
    return rb - ra || sb - sa;
  });
  for (const key of order) await inPool(groups.get(key)!, REVERT_CONCURRENCY, revertOne);
  if (reverted.length) {
    const kinds = [...new Set(entries.map((e) => e.kind))].join(", ");
    await addRunEvent(runId, "revert", `Reverted ${kinds} on ${reverted.length} target(s): ${reverted.slice(0, 10).join(", ")}${reverted.length > 10 ? ", …" : ""}`, actor);
  }
  if (outcome.reverted > 0 || outcome.failed.length > 0) {
    await recordAudit({ teamId: run.experiment.gameDay.teamId, actorId: actor.id, actorEmail: actor.id ? actor.name : "firedrill", action: "run.reverted", targetType: "run", targetId: runId, details: { reverted: outcome.reverted, failed: outcome.failed.length, waiting: outcome.waiting.length } });
  }
  await releaseLocksIfDone(runId);
  return outcome;
}

/**
 * Reverts one entry: claims it (a conditional update, so two processes never
 * revert it at once), restores the object from the entry's record, and
 * closes it unless its apply may still land.
 */
async function revertEntry(e: Entry, bind: (e: Entry) => Promise<BoundFault>): Promise<{ state: "reverted" | "waiting" | "skipped" } | { state: "failed"; error: string }> {
  const claimed = await db.ledgerEntry.updateMany({ where: { id: e.id, state: e.state, attempts: e.attempts }, data: { state: "reverting", attempts: { increment: 1 } } });
  if (claimed.count === 0) return { state: "skipped" };
  try {
    const bound = await bind(e);
    const target = e.target as unknown as FaultTarget;
    await bound.revert(target, e.undo);
    if (!applySettled(e)) {
      // Its apply had not ended when listed: read again (it may have answered meanwhile), and
      // close only once nothing more can land and the cluster shows nothing left to undo.
      const now = await db.ledgerEntry.findUnique({ where: { id: e.id }, select: { applySettledAt: true, createdAt: true } });
      const still = now && applySettled(now) ? await bound.inspect(target, e.undo) : "unsettled";
      if (still === "unsettled" || still === "present") {
        await db.ledgerEntry.update({ where: { id: e.id }, data: { lastError: still === "present" ? "Reverted, but the cluster still shows the change (a late apply landed): reverting again." : "Reverted; the apply never answered and may still land, so this is reverted again until it no longer can." } });
        return { state: "waiting" };
      }
    }
    // Reverted as far as the API says; whether the target is back is confirmed next (confirm-faults.ts).
    await db.ledgerEntry.update({ where: { id: e.id }, data: { state: "reverted", revertedAt: new Date(), lastError: null, recovery: "checking", recoveryDetail: null, recoveryAt: null } });
    return { state: "reverted" };
  } catch (error) {
    const message = error instanceof AppError ? error.message : String(error);
    await db.ledgerEntry.update({ where: { id: e.id }, data: { lastError: message } });
    return { state: "failed", error: message };
  }
}
