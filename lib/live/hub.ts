import "server-only";
import { perProcess } from "@/lib/runtime/per-process";
import type { LiveEvent } from "./live-event";

export type LiveMessage = { type: "change"; event: LiveEvent } | { type: "resync" };
type Listener = (message: LiveMessage) => void;

interface Hub {
  byGameDay: Map<string, Set<Listener>>;
}

// One hub per process. Next bundles route handlers and server actions
// separately, so a module-level Map could exist twice; per-process state cannot.
const hub: Hub = perProcess("live-hub", () => ({ byGameDay: new Map() }));

/** Registers a screen of this process for a GameDay's changes; returns the unsubscribe. */
export function subscribe(gameDayId: string, listener: Listener): () => void {
  let set = hub.byGameDay.get(gameDayId);
  if (!set) hub.byGameDay.set(gameDayId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && hub.byGameDay.get(gameDayId) === set) hub.byGameDay.delete(gameDayId);
  };
}

/** Hands a change to every screen of this process watching its GameDay. */
export function deliver(event: LiveEvent): void {
  for (const listener of [...(hub.byGameDay.get(event.gameDayId) ?? [])]) safeCall(listener, { type: "change", event });
}

/**
 * Tells every screen of this process to refetch: used when this process may
 * have missed changes (its PostgreSQL listener reconnected).
 */
export function resyncAll(): void {
  for (const set of hub.byGameDay.values()) for (const listener of [...set]) safeCall(listener, { type: "resync" });
}

/** How many screens this process is serving (for the bench and logs). */
export function subscriberCount(): number {
  let n = 0;
  for (const set of hub.byGameDay.values()) n += set.size;
  return n;
}

function safeCall(listener: Listener, message: LiveMessage) {
  try {
    listener(message);
  } catch (error) {
    // One broken stream must not keep the change from the other screens.
    console.error("live: a subscriber failed:", error);
  }
}
