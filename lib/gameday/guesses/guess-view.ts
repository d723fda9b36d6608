import type { Role } from "@/lib/auth/roles";
import { isTerminal, type RunStatus } from "@/lib/runs/status";
import { mayGuess, type GuessValues } from "./guess-schema";

/**
 * Where a set of guesses is in its life: `open` for an experiment's next run
 * (each person may change their own), `locked` once that run has started
 * (nobody may change them, nobody sees anyone else's), `revealed` once it
 * ended (everyone sees everyone's).
 */
export type GuessPhase = "open" | "locked" | "revealed";

/** The phase of the guesses bound to `run` (null: the next run, not started yet). */
export function guessPhaseOf(run: { status: RunStatus } | null): GuessPhase {
  if (!run) return "open";
  return isTerminal(run.status) ? "revealed" : "locked";
}

/** A stored guess (a PersonalEstimate row, read from one slot). */
export interface GuessRow extends GuessValues {
  userId: string;
  userName: string;
}

export interface Person {
  userId: string;
  name: string;
}

/**
 * What one viewer may see of the guesses of one run. Before the end it holds
 * the viewer's own values and only the names of the others; `revealed` is
 * null until the run has ended, so no screen, payload or API built from a
 * board can carry someone else's figures early.
 */
export interface GuessBoard {
  phase: GuessPhase;
  /** The viewer's own guess, if they made one. */
  mine: GuessValues | null;
  /** The viewer may enter or change a guess now. */
  canGuess: boolean;
  /** Whether the viewer's role may guess at all (viewers watch). */
  mayGuess: boolean;
  guessed: Person[];
  /** Expected (the GameDay's participants who may guess) and not guessed yet. */
  waitingFor: Person[];
  count: number;
  of: number;
  /** Everyone's values, once the run has ended; null before. */
  revealed: (Person & { values: GuessValues; mine: boolean })[] | null;
}

const valuesOf = (r: GuessValues): GuessValues => ({ timeToDetectMin: r.timeToDetectMin, timeToRecoverMin: r.timeToRecoverMin, willPage: r.willPage });
const byName = (a: Person, b: Person) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);

/**
 * Builds what `viewer` may see of `rows` (the guesses of one slot) in `phase`.
 * `expected` is who should guess (names only). The only place values of other
 * people are copied out is the `revealed` branch.
 */
export function buildGuessBoard(opts: { rows: GuessRow[]; viewer: { id: string; role: Role }; phase: GuessPhase; expected: Person[] }): GuessBoard {
  const { rows, viewer, phase } = opts;
  const own = rows.find((r) => r.userId === viewer.id) ?? null;
  const guessed = rows.map((r) => ({ userId: r.userId, name: r.userName })).sort(byName);
  const done = new Set(guessed.map((g) => g.userId));
  const waitingFor = opts.expected.filter((p) => !done.has(p.userId)).sort(byName);
  const allowed = mayGuess(viewer.role);
  return {
    phase,
    mine: own ? valuesOf(own) : null,
    canGuess: allowed && phase === "open",
    mayGuess: allowed,
    guessed,
    waitingFor,
    count: guessed.length,
    of: guessed.length + waitingFor.length,
    revealed: phase === "revealed" ? rows.map((r) => ({ userId: r.userId, name: r.userName, values: valuesOf(r), mine: r.userId === viewer.id })).sort(byName) : null,
  };
}
