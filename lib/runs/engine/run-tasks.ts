import "server-only";
import { perProcess } from "@/lib/runtime/per-process";

/**
 * The engine's work, one task per (run, kind of work): ending a run, checking
 * its abort conditions, applying its due rounds, retrying its reverts,
 * sweeping a cluster. Tasks of different runs never wait for each other: one
 * hung Prometheus or dead API server holds only the task that asked it. A key
 * runs once at a time in this process; across replicas the database's
 * conditional updates (leases, claimed rounds, claimed ledger entries) decide.
 */
const tasks = perProcess("engine-tasks", () => new Map<string, Promise<void>>());

/**
 * Starts `work` under `key` unless a task of that key is already running
 * (then returns that one). The returned promise rejects with the work's error
 * for a caller who waits; the engine logs it either way.
 */
export function spawnTask(key: string, work: () => Promise<unknown>): Promise<void> {
  const running = tasks.get(key);
  if (running) return running;
  const task = (async () => {
    await work();
  })();
  tasks.set(key, task);
  task
    .catch((error: unknown) => console.error(`firedrill engine: ${key} failed:`, error))
    .finally(() => tasks.delete(key));
  return task;
}

/** True while a task of this key runs in this process. */
export function isRunning(key: string): boolean {
  return tasks.has(key);
}

/** The task running under `key`, settled either way (none: resolved). */
export function taskOf(key: string): Promise<void> {
  return (tasks.get(key) ?? Promise.resolve()).catch(() => undefined);
}

/**
 * Waits for `task` at most `ms`. The task goes on (its own calls are bounded
 * and it keeps its key until it ends); the waiter does not.
 */
export async function waitAtMost(task: Promise<unknown>, ms: number): Promise<"done" | "overran"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"overran">((resolve) => {
    timer = setTimeout(() => resolve("overran"), ms);
  });
  try {
    return await Promise.race([task.then(() => "done" as const, () => "done" as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
