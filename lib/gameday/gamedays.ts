import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { canMoveToPhase, phaseSchema, PHASE_INFO, type Phase } from "./phases";
import type { CreateGameDayInput } from "./schemas";

export interface GameDaySummary {
  id: string;
  title: string;
  systemUnderTest: string;
  scheduledFor: string;
  phase: Phase;
  failureModes: number;
  experiments: number;
  participants: number;
}

/** The team's GameDays, upcoming first. */
export async function listGameDays(user: SessionUser): Promise<GameDaySummary[]> {
  const rows = await db.gameDay.findMany({
    where: { teamId: user.teamId },
    orderBy: { scheduledFor: "desc" },
    include: { _count: { select: { failureModes: true, experiments: true, participants: true } } },
  });
  return rows.map((g) => ({
    id: g.id,
    title: g.title,
    systemUnderTest: g.systemUnderTest,
    scheduledFor: g.scheduledFor.toISOString(),
    phase: phaseSchema.parse(g.phase),
    failureModes: g._count.failureModes,
    experiments: g._count.experiments,
    participants: g._count.participants,
  }));
}

/** Creates a GameDay; its creator is its first participant. */
export async function createGameDay(user: SessionUser, input: CreateGameDayInput): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const g = await tx.gameDay.create({
      data: { ...input, teamId: user.teamId, createdById: user.id, participants: { create: { email: user.email, name: user.name, userId: user.id } } },
    });
    await auditBy(user, "gameday.created", { type: "gameday", id: g.id }, { title: input.title }, tx);
    return { id: g.id };
  });
}

/** Loads a GameDay of the member's team, or throws NOT_FOUND (also for other teams' ids). */
export async function getGameDayOrThrow(user: SessionUser, gameDayId: string) {
  const g = await db.gameDay.findFirst({
    where: { id: gameDayId, teamId: user.teamId },
    include: { participants: { orderBy: { createdAt: "asc" } } },
  });
  if (!g) throw notFound("GameDay");
  return { ...g, phase: phaseSchema.parse(g.phase) };
}

/** Updates goals, system under test, title and date. */
export async function updateGameDay(user: SessionUser, input: CreateGameDayInput & { gameDayId: string }): Promise<void> {
  const { gameDayId, ...data } = input;
  await getGameDayOrThrow(user, gameDayId);
  await db.gameDay.update({ where: { id: gameDayId }, data });
  await auditBy(user, "gameday.updated", { type: "gameday", id: gameDayId });
}

/** Moves the room one step along the loop. */
export async function setGameDayPhase(user: SessionUser, gameDayId: string, phase: Phase): Promise<void> {
  const g = await getGameDayOrThrow(user, gameDayId);
  if (g.phase === phase) return;
  if (!canMoveToPhase(g.phase, phase)) {
    throw new AppError({
      code: "INVALID_TRANSITION",
      message: `The GameDay is at ${PHASE_INFO[g.phase].label}; it moves one step at a time, so it cannot jump to ${PHASE_INFO[phase].label}.`,
    });
  }
  // Conditional update: two facilitators clicking at once cannot move it twice.
  const { count } = await db.gameDay.updateMany({ where: { id: gameDayId, phase: g.phase }, data: { phase } });
  if (count === 0) throw new AppError({ code: "CONFLICT", message: "Someone else moved the GameDay meanwhile. Reload to see where it is." });
  await auditBy(user, "gameday.phase", { type: "gameday", id: gameDayId }, { from: g.phase, to: phase });
}

/** Adds a participant by email; links to the account if one exists. */
export async function addParticipant(user: SessionUser, input: { gameDayId: string; name: string; email: string }): Promise<void> {
  await getGameDayOrThrow(user, input.gameDayId);
  const existing = await db.gameDayParticipant.findUnique({ where: { gameDayId_email: { gameDayId: input.gameDayId, email: input.email } } });
  if (existing) {
    throw new AppError({ code: "CONFLICT", message: `${input.email} is already a participant.`, fieldErrors: { email: "Already a participant." } });
  }
  const account = await db.user.findUnique({ where: { email: input.email } });
  await db.gameDayParticipant.create({ data: { gameDayId: input.gameDayId, email: input.email, name: input.name, userId: account?.id } });
  await auditBy(user, "gameday.participant.added", { type: "gameday", id: input.gameDayId }, { email: input.email });
}

/** Removes a participant. */
export async function removeParticipant(user: SessionUser, input: { gameDayId: string; participantId: string }): Promise<void> {
  await getGameDayOrThrow(user, input.gameDayId);
  const { count } = await db.gameDayParticipant.deleteMany({ where: { id: input.participantId, gameDayId: input.gameDayId } });
  if (count === 0) throw notFound("Participant");
  await auditBy(user, "gameday.participant.removed", { type: "gameday", id: input.gameDayId }, { participantId: input.participantId });
}
