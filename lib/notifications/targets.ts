import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { outboundUrlIssue } from "@/lib/outbound/policy";
import { encryptSecret } from "@/lib/secrets/encrypt";
import type { AddNotificationTargetInput, NotificationKind } from "./schemas";

/** A notification target as the browser may see it: the webhook address is a secret, only a hint is shown. */
export interface NotificationTargetView {
  id: string;
  kind: NotificationKind;
  urlHint: string;
  lastSentAt: string | null;
  lastError: string | null;
}

/** Where the GameDay's run events are sent. */
export async function listNotificationTargets(user: SessionUser, gameDayId: string): Promise<NotificationTargetView[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.runNotificationTarget.findMany({ where: { gameDayId }, orderBy: { createdAt: "asc" } });
  return rows.map((t) => ({ id: t.id, kind: t.kind === "slack" ? "slack" : "webhook", urlHint: t.urlHint, lastSentAt: t.lastSentAt?.toISOString() ?? null, lastError: t.lastError }));
}

/**
 * Adds a Slack or generic webhook for the GameDay's run start/stop/abort
 * events; the address is stored encrypted. An address the outbound policy
 * refuses (internal, or plain http to an unlisted host) is not saved.
 */
export async function addNotificationTarget(user: SessionUser, input: AddNotificationTargetInput): Promise<{ id: string }> {
  await getGameDayOrThrow(user, input.gameDayId);
  const issue = outboundUrlIssue(input.url, "webhooks");
  if (issue) throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { url: issue } });
  const url = new URL(input.url);
  const urlHint = `${url.protocol}//${url.host}/…${input.url.slice(-4)}`;
  const t = await db.runNotificationTarget.create({ data: { gameDayId: input.gameDayId, kind: input.kind, encryptedUrl: encryptSecret(input.url), urlHint, createdById: user.id } });
  await auditBy(user, "notification.added", { type: "gameday", id: input.gameDayId }, { kind: input.kind, urlHint });
  return { id: t.id };
}

/** Stops sending the GameDay's run events to a target. */
export async function removeNotificationTarget(user: SessionUser, targetId: string): Promise<{ gameDayId: string }> {
  const t = await db.runNotificationTarget.findFirst({ where: { id: targetId, gameDay: { teamId: user.teamId } } });
  if (!t) throw notFound("Notification target");
  await db.runNotificationTarget.delete({ where: { id: targetId } });
  await auditBy(user, "notification.removed", { type: "gameday", id: t.gameDayId }, { kind: t.kind, urlHint: t.urlHint });
  return { gameDayId: t.gameDayId };
}
