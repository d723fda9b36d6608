import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { experimentFaultsSchema } from "./stored-experiment";
import { clientForCluster } from "@/lib/k8s/connections";
import type { ClusterClient } from "@/lib/k8s/client";
import type { FaultTarget, UndoRecord } from "@/lib/faults/driver";
import { driverFor } from "@/lib/faults/registry";
import { targetsSchema } from "@/lib/experiments/schemas";
import { OPEN_STATES } from "./ledger";
import { addRunEvent, type Actor } from "./timeline";

/** Reverts in flight at once per (step, round) group. */
export const REVERT_CONCURRENCY = 16;

/** Runs `work` over `items` with at most `limit` in flight. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** Backoff between revert attempts: 1 s, 2 s, 4 s … capped at 60 s. */
export function revertBackoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

export interface RevertOutcome {
  reverted: number;
  failed: { target: string; error: string }[];
}

const describe = (t: FaultTarget) => `${t.kind} ${t.namespace ? t.namespace + "/" : ""}${t.name}`;

/**
 * Reverts every open ledger entry of a run, newest first (undo in reverse
 * order). Each revert is idempotent; failures stay in the ledger as
 * "reverting" and are retried by the engine loop with backoff. Errors come
 * back as data so one dead target never blocks the others.
 */
export async function revertRun(runId: string, actor: Actor): Promise<RevertOutcome> {
  const entries = await db.ledgerEntry.findMany({ where: { runId, state: { in: [...OPEN_STATES] } }, orderBy: [{ createdAt: "desc" }] });
  const run = await db.run.findUnique({ where: { id: runId }, include: { experiment: { include: { gameDay: { select: { teamId: true } } } } } });
  if (!run) return { reverted: 0, failed: [] };
  const faults = experimentFaultsSchema.parse(run.experiment.faults);
  const targets = targetsSchema.parse(run.experiment.targets);
  const clients = new Map<string, Promise<ClusterClient | AppError>>();
  const outcome: RevertOutcome = { reverted: 0, failed: [] };

  const revertOne = async (e: (typeof entries)[number]) => {
    const target = e.target as unknown as FaultTarget;
    const driver = driverFor(e.kind);
    // Claim the entry (conditional update) so two processes never revert it at once.
    const claimed = await db.ledgerEntry.updateMany({ where: { id: e.id, state: e.state, attempts: e.attempts }, data: { state: "reverting", attempts: { increment: 1 } } });
    if (claimed.count === 0) return;
    try {
      if (!driver) throw new AppError({ code: "NOT_IMPLEMENTED", message: `No driver for ${e.kind}` });
      if (!clients.has(e.clusterId)) {
        clients.set(e.clusterId, clientForCluster(e.clusterId).then((c) => c.client).catch((err: unknown) => (err instanceof AppError ? err : new AppError({ code: "DEPENDENCY_FAILED", message: String(err) }))));
      }
      const client = await clients.get(e.clusterId)!;
      if (client instanceof AppError) throw client;
      const params = faults[e.stepIndex]?.params ?? {};
      await driver.revert({ client, params, targets, runId, stepIndex: e.stepIndex, durationSec: run.experiment.durationSec }, target, e.undo as UndoRecord);
      await db.ledgerEntry.update({ where: { id: e.id }, data: { state: "reverted", revertedAt: new Date(), lastError: null } });
      outcome.reverted++;
      reverted.push(describe(target));
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      await db.ledgerEntry.update({ where: { id: e.id }, data: { lastError: message } });
      outcome.failed.push({ target: describe(target), error: message });
      if (e.attempts === 0 || e.attempts % 5 === 0) await addRunEvent(runId, "error", `Revert of ${e.kind} on ${describe(target)} failed (attempt ${e.attempts + 1}), will retry: ${message}`, actor);
    }
  };

  // Undo in reverse order of application: later steps and rounds first, and
  // within one (step, round) group in parallel, bounded, so a big blast
  // radius still stops in seconds.
  const groups = new Map<string, typeof entries>();
  for (const e of entries) {
    const key = `${e.round}:${e.stepIndex}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const reverted: string[] = [];
  const order = [...groups.keys()].sort((a, b) => {
    const [ra, sa] = a.split(":").map(Number);
    const [rb, sb] = b.split(":").map(Number);
    return rb - ra || sb - sa;
  });
  for (const key of order) await inPool(groups.get(key)!, REVERT_CONCURRENCY, revertOne);
  if (reverted.length) {
    const kinds = [...new Set(entries.filter((e) => e.state !== "reverted").map((e) => e.kind))].join(", ");
    await addRunEvent(runId, "revert", `Reverted ${kinds} on ${reverted.length} target(s): ${reverted.slice(0, 10).join(", ")}${reverted.length > 10 ? ", …" : ""}`, actor);
  }
  if (outcome.reverted > 0 || outcome.failed.length > 0) {
    await recordAudit({ teamId: run.experiment.gameDay.teamId, actorId: actor.id, actorEmail: actor.id ? actor.name : "firedrill", action: "run.reverted", targetType: "run", targetId: runId, details: { reverted: outcome.reverted, failed: outcome.failed.length } });
  }
  return outcome;
}
