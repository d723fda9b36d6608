import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { builtinTracker } from "./tracker";
import { followUpStatusSchema, type CreateFollowUpInput, type FollowUpStatus } from "./schemas";
import { openTeamTracker, splitLabels } from "./tracker-settings";
import { syncFollowUp, type SyncOutcome } from "./sync-follow-up";

export interface FollowUpView {
  id: string;
  title: string;
  body: string;
  tracker: string;
  externalKey: string | null;
  externalUrl: string | null;
  externalState: string | null;
  status: FollowUpStatus;
  labels: string[];
  syncState: "synced" | "pending" | "failed";
  syncError: string | null;
  syncErrorCode: string | null;
  statusCheckedAt: string | null;
  findingKey: string | null;
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
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((f) => ({
    id: f.id,
    title: f.title,
    body: f.body,
    tracker: f.tracker,
    externalKey: f.externalKey,
    externalUrl: f.externalUrl,
    externalState: f.externalState,
    status: followUpStatusSchema.parse(f.status),
    labels: splitLabels(f.labels),
    syncState: f.syncState === "pending" || f.syncState === "failed" ? f.syncState : "synced",
    syncError: f.syncError,
    syncErrorCode: f.syncErrorCode,
    statusCheckedAt: f.statusCheckedAt?.toISOString() ?? null,
    findingKey: f.findingKey,
    failureMode: f.failureMode,
    runId: f.runId,
    experimentTitle: f.run?.experiment.title ?? null,
    createdAt: f.createdAt.toISOString(),
  }));
}

export interface FollowUpDraft {
  gameDayId: string;
  title: string;
  body: string;
  failureModeId?: string;
  runId?: string;
  labels: string;
  findingKey?: string;
}

/** Where links back into Firedrill point (the app's public origin, e.g. https://firedrill.example.com). */
export interface LinkContext {
  appUrl: string | null;
}

/**
 * Files a follow-up, linked to its failure mode and run. With an external
 * tracker the follow-up is saved as pending BEFORE the tracker is called, so
 * a failure loses nothing and a retry looks the ticket up before creating it.
 */
export async function createFollowUp(user: SessionUser, input: CreateFollowUpInput, links: LinkContext): Promise<SyncOutcome> {
  await getGameDayOrThrow(user, input.gameDayId);
  await checkLinks(input);
  const external = await openTeamTracker(user.teamId);
  const id = await insertFollowUp(user, { ...input, body: input.body ?? "" }, external?.tracker.kind ?? null);
  if (!external) return { id, key: (await db.followUp.findUniqueOrThrow({ where: { id } })).externalKey, failure: null };
  return syncFollowUp(user, id, external, links);
}

async function checkLinks(input: { gameDayId: string; failureModeId?: string; runId?: string }) {
  if (input.failureModeId) {
    const fm = await db.failureMode.count({ where: { id: input.failureModeId, gameDayId: input.gameDayId } });
    if (!fm) throw new AppError({ code: "BAD_INPUT", message: "That failure mode is not part of this GameDay.", fieldErrors: { failureModeId: "Pick a failure mode of this GameDay." } });
  }
  if (input.runId) {
    const run = await db.run.count({ where: { id: input.runId, experiment: { gameDayId: input.gameDayId } } });
    if (!run) throw new AppError({ code: "BAD_INPUT", message: "That run is not part of this GameDay.", fieldErrors: { runId: "Pick a run of this GameDay." } });
  }
}

/**
 * Inserts the follow-up row: keyed FD-n at once for the built-in tracker,
 * pending for an external one. A finding already filed returns the existing
 * row (the unique (gameDayId, findingKey) index makes double submits harmless).
 */
export async function insertFollowUp(user: SessionUser, d: FollowUpDraft, externalKind: string | null): Promise<string> {
  try {
    return await db.$transaction(async (tx) => {
      const base = { gameDayId: d.gameDayId, title: d.title, body: d.body, failureModeId: d.failureModeId, runId: d.runId, labels: d.labels, findingKey: d.findingKey, createdById: user.id };
      if (!externalKind) {
        // The increment locks the GameDay row until commit, so two filings at
        // the same moment on PostgreSQL get consecutive numbers, never the same.
        const { followUpSeq } = await tx.gameDay.update({ where: { id: d.gameDayId }, data: { followUpSeq: { increment: 1 } }, select: { followUpSeq: true } });
        const { key, url } = await builtinTracker.create({ title: d.title, body: d.body }, followUpSeq);
        const f = await tx.followUp.create({ data: { ...base, tracker: builtinTracker.kind, externalKey: key, externalUrl: url, syncState: "synced" } });
        await auditBy(user, "follow-up.created", { type: "follow-up", id: f.id }, { key }, tx);
        return f.id;
      }
      const f = await tx.followUp.create({ data: { ...base, tracker: externalKind, syncState: "pending" } });
      await auditBy(user, "follow-up.created", { type: "follow-up", id: f.id }, { tracker: externalKind, pending: true }, tx);
      return f.id;
    });
  } catch (error) {
    if (d.findingKey && (error as { code?: string }).code === "P2002") {
      const existing = await db.followUp.findFirst({ where: { gameDayId: d.gameDayId, findingKey: d.findingKey } });
      if (existing) return existing.id;
    }
    throw error;
  }
}

/** Changes a follow-up's status (in Firedrill; an external ticket's status comes from its tracker on refresh). */
export async function setFollowUpStatus(user: SessionUser, followUpId: string, status: FollowUpStatus): Promise<{ gameDayId: string }> {
  const f = await db.followUp.findFirst({ where: { id: followUpId, gameDay: { teamId: user.teamId } } });
  if (!f) throw notFound("Follow-up");
  await db.followUp.update({ where: { id: followUpId }, data: { status } });
  await auditBy(user, "follow-up.status", { type: "follow-up", id: followUpId }, { from: f.status, to: status });
  return { gameDayId: f.gameDayId };
}
