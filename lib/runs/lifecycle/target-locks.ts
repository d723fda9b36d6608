import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { describeObjectKey } from "@/lib/faults/fault-module";
import { TERMINAL_STATUSES } from "../status";

/** Who holds an object: the run and its experiment's title, for messages. */
export interface LockHolder {
  runId: string;
  title: string;
}

/** "held by run abc (\"Scale catalog to zero\")" */
export const heldByText = (h: LockHolder) => `is held by run ${h.runId} ("${h.title}")`;

/**
 * The objects of a cluster held by runs other than `runId`, by object key.
 * One query for the cluster's locks (there are as many as open faults), so a
 * preview over thousands of pods costs no per-pod query.
 */
export async function locksHeldByOthers(clusterId: string, runId: string | null): Promise<Map<string, LockHolder>> {
  const rows = await db.targetLock.findMany({ where: { clusterId, ...(runId ? { runId: { not: runId } } : {}) }, select: { objectKey: true, runId: true, run: { select: { experiment: { select: { title: true } } } } } });
  return new Map(rows.map((r) => [r.objectKey, { runId: r.runId, title: r.run.experiment.title }]));
}

/** True for the database's refusal of a duplicate in a unique index (Prisma P2002, both databases). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Takes the locks of objects a repeat round is about to touch (the first
 * injection takes its locks atomically with the run's creation). The unique
 * index decides: a lock another run took meanwhile refuses the round.
 */
export async function acquireLocks(clusterId: string, runId: string, keys: string[]): Promise<void> {
  const mine = new Set((await db.targetLock.findMany({ where: { runId, clusterId }, select: { objectKey: true } })).map((l) => l.objectKey));
  for (const objectKey of keys) {
    if (mine.has(objectKey)) continue;
    try {
      await db.targetLock.create({ data: { clusterId, objectKey, runId } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const holder = await db.targetLock.findUnique({ where: { clusterId_objectKey: { clusterId, objectKey } }, select: { runId: true, run: { select: { experiment: { select: { title: true } } } } } });
      if (holder && holder.runId !== runId) throw new AppError({ code: "CONFLICT", message: `${describeObjectKey(objectKey)} ${heldByText({ runId: holder.runId, title: holder.run.experiment.title })}.` });
    }
  }
}

/** Frees every object a run held, once it has ended and nothing it applied is open any more. Returns whether it did. */
export async function releaseLocksIfDone(runId: string): Promise<boolean> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
  if (run && !(TERMINAL_STATUSES as readonly string[]).includes(run.status)) return false;
  const open = await db.ledgerEntry.count({ where: { runId, state: { not: "reverted" } } });
  if (open > 0) return false;
  await db.targetLock.deleteMany({ where: { runId } });
  return true;
}
