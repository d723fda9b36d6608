import "server-only";
import { liveTargetOfPaths } from "./live-event";
import { publishGameDayEvent } from "./publish";

const idOf = (value: unknown): string | null => {
  if (!value || typeof value !== "object") return null;
  const id = (value as { gameDayId?: unknown }).gameDayId;
  return typeof id === "string" && id !== "" ? id : null;
};

/**
 * After a successful server action: which GameDay changed comes from the
 * action's result, else its input, else the GameDay pages it revalidated; the
 * kind from those pages. Actions that touch no GameDay publish nothing.
 * Never throws (see publishGameDayEvent).
 */
export async function publishActionChange(input: unknown, result: unknown, revalidated: readonly string[]): Promise<void> {
  const fromPaths = liveTargetOfPaths(revalidated);
  const gameDayId = idOf(result) ?? idOf(input) ?? fromPaths?.gameDayId;
  if (!gameDayId) return;
  const kind = fromPaths && fromPaths.gameDayId === gameDayId ? fromPaths.kind : "changed";
  await publishGameDayEvent(gameDayId, { kind });
}
