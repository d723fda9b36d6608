import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { builtinTracker } from "./tracker";
import { followUpStatusSchema, type CreateFollowUpInput, type FollowUpStatus } from "./schemas";

export interface FollowUpView {
  id: string;
  title: string;
  body: string;
  tracker: string;
  externalKey: string | null;
  externalUrl: string | null;
  status: FollowUpStatus;
  failureMode: { id: string; title: string } | null;
  runId: string | null;
  experimentTitle: string | null;
  createdAt: string;
}

/** Follow-ups of a GameDay, oldest first. */
export async function listFollowUps(user: SessionUser, gameDayId: string): Promise<FollowUpView[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.followUp.findMany({
    where: { gameDayId },
    include: { failureMode: { select: { id: true, title: true } }, run: { include: { experiment: { select: { title: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((f) => ({
    id: f.id,
    title: f.title,
    body: f.body,
    tracker: f.tracker,
    externalKey: f.externalKey,
    externalUrl: f.externalUrl,
    status: followUpStatusSchema.parse(f.status),
    failureMode: f.failureMode,
    runId: f.runId,
    experimentTitle: f.run?.experiment.title ?? null,
    createdAt: f.createdAt.toISOString(),
  }));
}

/** Files a follow-up in the built-in tracker, linked to its failure mode and run. */
export async function createFollowUp(user: SessionUser, input: CreateFollowUpInput): Promise<{ id: string; key: string }> {
  await getGameDayOrThrow(user, input.gameDayId);
  if (input.failureModeId) {
    const fm = await db.failureMode.count({ where: { id: input.failureModeId, gameDayId: input.gameDayId } });
    if (!fm) throw new AppError({ code: "BAD_INPUT", message: "That failure mode is not part of this GameDay.", fieldErrors: { failureModeId: "Pick a failure mode of this GameDay." } });
  }
  if (input.runId) {
    const run = await db.run.count({ where: { id: input.runId, experiment: { gameDayId: input.gameDayId } } });
    if (!run) throw new AppError({ code: "BAD_INPUT", message: "That run is not part of this GameDay.", fieldErrors: { runId: "Pick a run of this GameDay." } });
  }
  return db.$transaction(async (tx) => {
    const sequence = (await tx.followUp.count({ where: { gameDayId: input.gameDayId } })) + 1;
    const { key, url } = await builtinTracker.create({ title: input.title, body: input.body }, sequence);
    const f = await tx.followUp.create({
      data: { ...input, tracker: builtinTracker.kind, externalKey: key, externalUrl: url, createdById: user.id },
    });
    await auditBy(user, "follow-up.created", { type: "follow-up", id: f.id }, { key }, tx);
    return { id: f.id, key };
  });
}

/** Changes a follow-up's status. */
export async function setFollowUpStatus(user: SessionUser, followUpId: string, status: FollowUpStatus): Promise<{ gameDayId: string }> {
  const f = await db.followUp.findFirst({ where: { id: followUpId, gameDay: { teamId: user.teamId } } });
  if (!f) throw notFound("Follow-up");
  await db.followUp.update({ where: { id: followUpId }, data: { status } });
  await auditBy(user, "follow-up.status", { type: "follow-up", id: followUpId }, { from: f.status, to: status });
  return { gameDayId: f.gameDayId };
}
