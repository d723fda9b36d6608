import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { idSchema } from "@/lib/gameday/schemas";

/** One person's guess for a run: any of the three may be left open. */
export interface GuessValues {
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  willPage: boolean | null;
}

/**
 * Who may guess: everyone who may take part in the run (participants,
 * facilitators, admins). Viewers watch: like votes and estimates, a guess is a
 * contribution, and a viewer's screen is often the room's TV or a guest.
 */
export const GUESS_ROLES = ["participant", "facilitator", "admin"] as const satisfies readonly Role[];

/** True when a member with `role` may enter a guess. */
export function mayGuess(role: Role): boolean {
  return (GUESS_ROLES as readonly Role[]).includes(role);
}

// Minutes, decimals allowed (a guess of half a minute is a guess); empty is "no guess".
const guessMinutes = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : v),
    z.coerce.number({ error: `${label} must be a number of minutes.` }).min(0, `${label} cannot be negative.`).max(100000, `${label} is too large.`).nullable(),
  );

/** A guess as the form and the action send it, for an experiment's next run. */
export const guessSchema = z
  .object({
    experimentId: idSchema,
    timeToDetectMin: guessMinutes("Time to detect"),
    timeToRecoverMin: guessMinutes("Time to recover"),
    willPage: z
      .enum(["", "yes", "no"], { error: "Say yes, no, or leave it open." })
      .default("")
      .transform((v) => (v === "" ? null : v === "yes")),
  })
  .refine((g) => g.timeToDetectMin !== null || g.timeToRecoverMin !== null || g.willPage !== null, { message: "Enter at least one guess.", path: ["timeToDetectMin"] });
export type GuessInput = z.infer<typeof guessSchema>;
