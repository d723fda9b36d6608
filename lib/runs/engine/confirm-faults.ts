import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { perProcess } from "@/lib/runtime/per-process";
import { describeObject, pendingConfirmation, type Confirmation, type FaultTarget } from "@/lib/faults/fault-module";
import { experimentOfRun } from "../lifecycle/frozen-experiment";
import { addRunEvent, SYSTEM } from "../lifecycle/timeline";
import { entryBinder, inPool, type LedgerRow } from "./bind-entries";

/**
 * How long a fault may take to show in the cluster before it counts as
 * "unconfirmed": an image import, a container start, a controller's
 * reconcile, a rollout's first new pod.
 */
export const CONFIRM_WINDOW_MS = 90_000;
/** A fault confirmed in effect is read again this often while its run runs: it can still fail (a container that exits non-zero, a policy deleted by hand). */
export const RECHECK_CONFIRMED_MS = 10_000;
/** One read of the cluster for one target may take this long; past it, the target is asked again at the next pass. */
const READ_DEADLINE_MS = 10_000;
const CONCURRENCY = 8;

const rechecked = perProcess("confirm-rechecked", () => new Map<string, number>());

/** True when a run has entries whose effect or recovery is still to be read back (the engine's tick asks). */
export async function runsToConfirm(): Promise<string[]> {
  const rows = await db.ledgerEntry.findMany({
    where: { OR: [{ effect: "checking" }, { recovery: "checking" }, { effect: "confirmed", state: "applied", run: { status: "running" } }] },
    select: { runId: true },
    distinct: ["runId"],
  });
  return rows.map((r) => r.runId);
}

async function withDeadline(work: Promise<Confirmation>): Promise<Confirmation> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Confirmation>((resolve) => {
    timer = setTimeout(() => resolve(pendingConfirmation(`The cluster did not answer within ${READ_DEADLINE_MS / 1000} s.`)), READ_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, late]);
  } catch (error) {
    return pendingConfirmation(`Could not read the cluster: ${error instanceof AppError ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads back, per target, whether each fault of a run took effect and,
 * after revert, whether the target recovered, from what the cluster itself
 * reports (each kind's `confirm` verb). Every change of state is a
 * conditional update (a second replica's pass writes nothing twice) and one
 * timeline event: confirmed in effect, failed to take effect with the
 * cluster's reason (the room's alert), not confirmed within the window,
 * recovered. A failure of the cluster read is not a verdict: the target is
 * asked again until the window closes.
 */
export async function confirmRun(runId: string, now = Date.now()): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return;
  const running = run.status === "running";
  const entries = await db.ledgerEntry.findMany({
    where: { runId, OR: [{ effect: "checking" }, { recovery: "checking" }, ...(running ? [{ effect: "confirmed", state: "applied" }] : [])] },
    orderBy: { createdAt: "asc" },
  });
  const due = entries.filter((e) => e.recovery === "checking" || e.effect === "checking" || now - (rechecked.get(e.id) ?? 0) >= RECHECK_CONFIRMED_MS);
  if (due.length === 0) return;
  // Bounded: forgetting a time only means one extra read of that target.
  if (rechecked.size > 10_000) rechecked.clear();
  const bind = entryBinder(runId, await experimentOfRun(run));
  await inPool(due, CONCURRENCY, async (e) => {
    if (e.recovery === "checking") await confirmRecovery(e, bind, now);
    else if (e.state === "applied") await confirmEffect(e, bind, now);
  });
}

type Bind = ReturnType<typeof entryBinder>;

async function read(e: LedgerRow, bind: Bind, phase: "effect" | "recovered", since: Date): Promise<Confirmation> {
  const target = e.target as unknown as FaultTarget;
  return withDeadline((async () => (await bind(e)).confirm(target, e.undo, phase, since))());
}

async function confirmEffect(e: LedgerRow, bind: Bind, now: number): Promise<void> {
  const since = e.appliedAt ?? e.createdAt;
  const c = await read(e, bind, "effect", since);
  const label = `${e.kind} on ${describeObject(e.target as unknown as FaultTarget)}`;
  rechecked.set(e.id, now);
  const set = (effect: string, detail: string, from: string[]) =>
    db.ledgerEntry.updateMany({ where: { id: e.id, effect: { in: from }, state: "applied" }, data: { effect, effectDetail: detail, effectAt: new Date(now) } });
  if (c.state === "failed") {
    const { count } = await set("failed", c.detail, ["checking", "confirmed"]);
    if (count) await addRunEvent(e.runId, "error", `Fault did not take effect: ${label}. ${c.detail}`, SYSTEM, { confirmation: "failed", entry: e.id });
  } else if (c.state === "confirmed") {
    if (e.effect !== "checking") return;
    const { count } = await set("confirmed", c.detail, ["checking"]);
    if (count) await addRunEvent(e.runId, "confirm", `Confirmed in effect: ${label}. ${c.detail}`, SYSTEM, { confirmation: "confirmed", entry: e.id });
  } else if (e.effect === "checking") {
    if (now - since.getTime() >= CONFIRM_WINDOW_MS) {
      const detail = `Not confirmed within ${CONFIRM_WINDOW_MS / 1000} s: ${c.detail}`;
      const { count } = await set("unconfirmed", detail, ["checking"]);
      if (count) await addRunEvent(e.runId, "error", `Fault not confirmed: ${label}. ${detail}`, SYSTEM, { confirmation: "unconfirmed", entry: e.id });
    } else if (c.detail !== e.effectDetail) {
      // What it waits for, shown beside the target while it is checked.
      await db.ledgerEntry.updateMany({ where: { id: e.id, effect: "checking" }, data: { effectDetail: c.detail } });
    }
  }
}

async function confirmRecovery(e: LedgerRow, bind: Bind, now: number): Promise<void> {
  const since = e.revertedAt ?? new Date(now);
  const c = await read(e, bind, "recovered", since);
  const label = `${e.kind} on ${describeObject(e.target as unknown as FaultTarget)}`;
  const expired = now - since.getTime() >= CONFIRM_WINDOW_MS;
  if (c.state === "pending" && !expired) {
    if (c.detail !== e.recoveryDetail) await db.ledgerEntry.updateMany({ where: { id: e.id, recovery: "checking" }, data: { recoveryDetail: c.detail } });
    return;
  }
  const recovery = c.state === "confirmed" ? "recovered" : c.state === "failed" ? "failed" : "unconfirmed";
  const detail = recovery === "unconfirmed" ? `Recovery not confirmed within ${CONFIRM_WINDOW_MS / 1000} s: ${c.detail}` : c.detail;
  const { count } = await db.ledgerEntry.updateMany({ where: { id: e.id, recovery: "checking" }, data: { recovery, recoveryDetail: detail, recoveryAt: new Date(now) } });
  if (!count) return;
  if (recovery === "recovered") await addRunEvent(e.runId, "confirm", `Confirmed recovered: ${label}. ${detail}`, SYSTEM, { confirmation: "recovered", entry: e.id });
  else await addRunEvent(e.runId, "error", `Recovery ${recovery === "failed" ? "failed" : "not confirmed"}: ${label}. ${detail}`, SYSTEM, { confirmation: `recovery-${recovery}`, entry: e.id });
}
