import "server-only";
import type { SessionUser } from "@/lib/auth/session-user";
import { getRunOrThrow } from "@/lib/runs/run-views";
import { runState } from "./run-results";
import type { RunResults } from "./schemas";

const POLL_MS = 1000;

/**
 * Waits until a run is over (completed, aborted or failed) or `timeoutSec`
 * passes, reading it once a second as the run page does. Reads are pure: the
 * engine ends the run at its deadline. Returns the run either way; `terminal`
 * says which.
 * Stops early when the caller goes away.
 */
export async function waitForRunEnd(user: SessionUser, runId: string, timeoutSec: number, signal?: AbortSignal): Promise<RunResults["run"]> {
  const deadline = Date.now() + timeoutSec * 1000;
  for (;;) {
    const state = runState(await getRunOrThrow(user, runId));
    if (state.terminal || Date.now() >= deadline || signal?.aborted) return state;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
