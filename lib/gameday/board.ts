import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "./gamedays";
import { injectionPointSchema, updateFailureModeSchema, type InjectionPoint } from "./schemas";

export interface BoardCard {
  id: string;
  title: string;
  description: string;
  injectionPoint: InjectionPoint;
  authorName: string;
  authorId: string;
  votes: number;
  votedByMe: boolean;
  hasEstimate: boolean;
  /** Grows on every edit; an edit names the version it started from. */
  version: number;
}

/** The failure-mode cards of a GameDay, most voted first. */
export async function getBoard(user: SessionUser, gameDayId: string): Promise<BoardCard[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.failureMode.findMany({
    where: { gameDayId },
    include: { votes: { select: { userId: true } }, estimate: { select: { id: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      injectionPoint: injectionPointSchema.parse(f.injectionPoint),
      authorName: f.authorName,
      authorId: f.authorId,
      votes: f.votes.length,
      votedByMe: f.votes.some((v) => v.userId === user.id),
      hasEstimate: f.estimate !== null,
      version: f.version,
    }))
    .sort((a, b) => b.votes - a.votes);
}

/** Adds a failure-mode card. */
export async function addFailureMode(
  user: SessionUser,
  input: { gameDayId: string; title: string; description: string; injectionPoint: InjectionPoint },
): Promise<{ id: string }> {
  await getGameDayOrThrow(user, input.gameDayId);
  const f = await db.failureMode.create({ data: { ...input, authorId: user.id, authorName: user.name } });
  await auditBy(user, "failure-mode.created", { type: "failure-mode", id: f.id }, { title: input.title });
  return { id: f.id };
}

async function getOwnedFailureMode(user: SessionUser, failureModeId: string) {
  const f = await db.failureMode.findFirst({ where: { id: failureModeId, gameDay: { teamId: user.teamId } } });
  if (!f) throw notFound("Failure mode");
  if (f.authorId !== user.id && !can(user.role, "facilitate")) {
    throw forbidden("Only the card's author or a facilitator can change this card.");
  }
  return f;
}

/** A card edit names the version it was made from, so a concurrent edit is detected. */
export const editFailureModeSchema = updateFailureModeSchema.extend({
  version: z.coerce.number({ error: "Reload the page and edit again." }).int().min(0),
});
export type EditFailureModeInput = z.infer<typeof editFailureModeSchema>;

/**
 * Edits a card (its author or a facilitator). The update only applies to the
 * version the editor started from: when someone else saved the card
 * meanwhile it is refused with CONFLICT instead of silently overwriting them.
 */
export async function updateFailureMode(user: SessionUser, input: EditFailureModeInput): Promise<{ gameDayId: string; version: number }> {
  const { failureModeId, version, ...data } = input;
  const f = await getOwnedFailureMode(user, failureModeId);
  const { count } = await db.failureMode.updateMany({ where: { id: failureModeId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const now = await db.failureMode.findUnique({ where: { id: failureModeId }, select: { title: true, authorName: true } });
    if (!now) throw notFound("Failure mode");
    throw new AppError({
      code: "CONFLICT",
      message: `Someone else changed this card while you were editing it; it now reads "${now.title}". Your text is still here: save again to replace theirs, or cancel.`,
    });
  }
  await auditBy(user, "failure-mode.updated", { type: "failure-mode", id: failureModeId }, { version: version + 1 });
  return { gameDayId: f.gameDayId, version: version + 1 };
}

/** Deletes a card (its author or a facilitator). */
export async function deleteFailureMode(user: SessionUser, failureModeId: string): Promise<{ gameDayId: string }> {
  const f = await getOwnedFailureMode(user, failureModeId);
  await db.failureMode.delete({ where: { id: failureModeId } });
  await auditBy(user, "failure-mode.deleted", { type: "failure-mode", id: failureModeId }, { title: f.title });
  return { gameDayId: f.gameDayId };
}

/**
 * Casts or withdraws the member's vote. Votes are rows, one per person per
 * card, so concurrent votes from different people all count.
 */
export async function toggleVote(user: SessionUser, failureModeId: string): Promise<{ gameDayId: string; voted: boolean }> {
  const f = await db.failureMode.findFirst({ where: { id: failureModeId, gameDay: { teamId: user.teamId } } });
  if (!f) throw notFound("Failure mode");
  const removed = await db.vote.deleteMany({ where: { failureModeId, userId: user.id } });
  if (removed.count > 0) return { gameDayId: f.gameDayId, voted: false };
  try {
    await db.vote.create({ data: { failureModeId, userId: user.id } });
  } catch {
    // A double click raced us to the same vote: it exists, which is what was asked.
  }
  return { gameDayId: f.gameDayId, voted: true };
}
