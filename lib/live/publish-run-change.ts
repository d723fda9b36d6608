import "server-only";
import { perProcess } from "@/lib/runtime/per-process";
import { db } from "@/lib/db/client";
import { publishGameDayEvent } from "./publish";

// One per process, so every bundled copy of this module coalesces the same bursts.
const inFlight = perProcess("run-change-in-flight", () => new Map<string, Promise<void>>());
const changedAgain = perProcess("run-change-again", () => new Set<string>());

/**
 * Tells every screen of the run's GameDay that the run changed: its status or
 * its timeline. Needed for changes nobody clicked (the engine ends a run at its
 * deadline, an abort condition trips, a revert is retried, a restarted app
 * takes a run over): server actions publish on their own. A burst of changes
 * (preflight writes several timeline lines in a row) becomes one publish in
 * flight plus one after it, so every change is followed by a publish that
 * started after it, without one event per line. Never throws.
 */
export function publishRunChange(runId: string): Promise<void> {
  const running = inFlight.get(runId);
  if (running) {
    changedAgain.add(runId);
    return running;
  }
  const publishing = (async () => {
    do {
      changedAgain.delete(runId);
      await publishOnce(runId);
    } while (changedAgain.has(runId));
  })().finally(() => inFlight.delete(runId));
  inFlight.set(runId, publishing);
  return publishing;
}

async function publishOnce(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { experiment: { select: { gameDayId: true } } } }).catch(() => null);
  if (run) await publishGameDayEvent(run.experiment.gameDayId, { kind: "runs" });
}
