import { z } from "zod";
import { phaseSchema, type Phase } from "@/lib/gameday/phases";

/**
 * What kind of change happened. Screens refetch whatever they show on any
 * change; the kind is for people (a toast, a log line) and for the bench.
 */
export const LIVE_KINDS = ["gameday", "board", "estimates", "experiments", "runs", "results", "follow-ups", "report", "timer", "changed"] as const;
export const liveKindSchema = z.enum(LIVE_KINDS);
export type LiveKind = z.infer<typeof liveKindSchema>;

/**
 * One change of a GameDay as every screen receives it. `seq` grows by one per
 * change of that GameDay (kept in the database, so it is shared by replicas):
 * a screen that saw seq n and is told n+3 knows it missed something.
 * Every event carries the room's current step, so follow mode needs nothing else.
 */
export const liveEventSchema = z.object({
  gameDayId: z.string(),
  seq: z.number().int().nonnegative(),
  kind: liveKindSchema,
  phase: phaseSchema,
  stepTimerEndsAt: z.string().nullable(),
  at: z.string(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** What a screen gets first on (re)connecting: where the GameDay is now. */
export interface LiveHello {
  gameDayId: string;
  seq: number;
  phase: Phase;
  stepTimerEndsAt: string | null;
  /** True when the screen said which seq it had seen and the GameDay has moved on since. */
  missed: boolean;
}

const PATH_KINDS: Record<string, LiveKind> = {
  "": "gameday",
  board: "board",
  estimates: "estimates",
  experiments: "experiments",
  runs: "runs",
  results: "results",
  "follow-ups": "follow-ups",
  report: "report",
  present: "timer",
};

/**
 * The GameDay and kind of change an action touched, read from the pages it
 * revalidates (`/gamedays/:id/board` → board). Null when no GameDay page is
 * involved (team, sign-up…).
 */
export function liveTargetOfPaths(paths: readonly string[]): { gameDayId: string; kind: LiveKind } | null {
  for (const p of paths) {
    const m = /^\/gamedays\/([a-z0-9_-]+)(?:\/([a-z-]+))?/i.exec(p);
    if (m && m[1] !== "new") return { gameDayId: m[1], kind: PATH_KINDS[m[2] ?? ""] ?? "changed" };
  }
  return null;
}
