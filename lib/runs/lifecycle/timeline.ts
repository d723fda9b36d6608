import "server-only";
import { db } from "@/lib/db/client";
import { publishRunChange } from "@/lib/live/publish-run-change";
import type { RunEventType } from "../status";

export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM: Actor = { id: null, name: "Firedrill" };

/** Appends an event to a run's timeline and tells the GameDay's screens (in the background: it never delays a Stop). */
export async function addRunEvent(runId: string, type: RunEventType, message: string, actor: Actor, data?: Record<string, unknown>): Promise<void> {
  await db.runEvent.create({ data: { runId, type, message, actorId: actor.id, actorName: actor.name, data: data as never } });
  void publishRunChange(runId);
}
