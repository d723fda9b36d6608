import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import { roleSchema } from "@/lib/auth/roles";
import { runStatusSchema } from "@/lib/runs/status";
import { mayGuess } from "./guess-schema";
import { buildGuessBoard, guessPhaseOf, type GuessBoard, type GuessRow, type Person } from "./guess-view";

/**
 * Who is expected to guess in a GameDay: its participants whose account (by
 * link, or by email for someone added before they signed up) is a member of
 * the team with a role that guesses. Names only.
 */
export async function expectedGuessers(gameDayId: string, teamId: string): Promise<Person[]> {
  const participants = await db.gameDayParticipant.findMany({ where: { gameDayId }, select: { name: true, email: true, userId: true } });
  const members = await db.membership.findMany({
    where: { teamId, user: { OR: [{ id: { in: participants.flatMap((p) => (p.userId ? [p.userId] : [])) } }, { email: { in: participants.map((p) => p.email) } }] } },
    select: { role: true, user: { select: { id: true, email: true } } },
  });
  const out = new Map<string, Person>();
  for (const p of participants) {
    const m = members.find((x) => x.user.id === p.userId) ?? members.find((x) => x.user.email === p.email);
    if (m && mayGuess(roleSchema.catch("viewer").parse(m.role))) out.set(m.user.id, { userId: m.user.id, name: p.name });
  }
  return [...out.values()];
}

const rowsOf = (rows: { userId: string; userName: string; timeToDetectMin: number | null; timeToRecoverMin: number | null; willPage: boolean | null }[]): GuessRow[] =>
  rows.map((r) => ({ userId: r.userId, userName: r.userName, timeToDetectMin: r.timeToDetectMin, timeToRecoverMin: r.timeToRecoverMin, willPage: r.willPage }));

/**
 * The guesses of every experiment of a GameDay, as `user` may see them: for
 * each, its open run's (locked) when one is open, else the next run's (open).
 */
export async function listExperimentGuessBoards(user: SessionUser, gameDayId: string): Promise<Record<string, GuessBoard>> {
  const experiments = await db.experiment.findMany({
    where: { gameDayId, gameDay: { teamId: user.teamId } },
    select: { id: true, runs: { where: { liveExperimentId: { not: null } }, select: { id: true, status: true } } },
  });
  if (experiments.length === 0) return {};
  const expected = await expectedGuessers(gameDayId, user.teamId);
  const slots = experiments.map((e) => ({ experimentId: e.id, run: e.runs[0] ? { id: e.runs[0].id, status: runStatusSchema.parse(e.runs[0].status) } : null }));
  const rows = await db.personalEstimate.findMany({ where: { OR: slots.map((s) => ({ experimentId: s.experimentId, slot: s.run?.id ?? "next" })) } });
  const out: Record<string, GuessBoard> = {};
  for (const s of slots) {
    const mine = rows.filter((r) => r.experimentId === s.experimentId && r.slot === (s.run?.id ?? "next"));
    out[s.experimentId] = buildGuessBoard({ rows: rowsOf(mine), viewer: { id: user.id, role: user.role }, phase: guessPhaseOf(s.run), expected });
  }
  return out;
}

/** The guesses bound to one run of the member's team, as `user` may see them (revealed once it ended). */
export async function getRunGuessBoard(user: SessionUser, runId: string): Promise<GuessBoard & { gameDayId: string }> {
  const run = await db.run.findFirst({ where: { id: runId, experiment: { gameDay: { teamId: user.teamId } } }, select: { id: true, status: true, experiment: { select: { gameDayId: true } } } });
  if (!run) throw notFound("Run");
  const [rows, expected] = await Promise.all([db.personalEstimate.findMany({ where: { runId: run.id } }), expectedGuessers(run.experiment.gameDayId, user.teamId)]);
  const board = buildGuessBoard({ rows: rowsOf(rows), viewer: { id: user.id, role: user.role }, phase: guessPhaseOf({ status: runStatusSchema.parse(run.status) }), expected });
  return { ...board, gameDayId: run.experiment.gameDayId };
}

/** The guesses of one experiment (its open run's, else the next run's), as `user` may see them. */
export async function getExperimentGuessBoard(user: SessionUser, experimentId: string): Promise<GuessBoard> {
  const e = await db.experiment.findFirst({ where: { id: experimentId, gameDay: { teamId: user.teamId } }, select: { gameDayId: true } });
  if (!e) throw notFound("Experiment");
  const boards = await listExperimentGuessBoards(user, e.gameDayId);
  return boards[experimentId];
}
