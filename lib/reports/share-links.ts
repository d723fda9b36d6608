import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { publicLink } from "@/lib/runtime/public-url";
import type { CreateShareLinkInput } from "./schemas";
import { shareTokenSchema } from "./schemas";
import { buildReport } from "./build-report";
import type { ReportModel } from "./report-model";

export interface ShareLinkView {
  id: string;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  revokedAt: string | null;
  state: "active" | "expired" | "revoked";
}

// Only the hash is stored: a database dump does not hand out working links.
const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Creates a read-only link to the GameDay's report. The token is returned
 * once, here; afterwards only its hash exists. `url` is the absolute link on
 * the configured public URL (FIREDRILL_PUBLIC_URL / NEXTAUTH_URL), never on
 * the request's Host; null when none is configured, and the page then offers
 * `path` on the address the creator's own browser shows.
 */
export async function createShareLink(user: SessionUser, input: CreateShareLinkInput): Promise<{ id: string; token: string; path: string; url: string | null; expiresAt: string }> {
  await getGameDayOrThrow(user, input.gameDayId);
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const share = await db.reportShare.create({
    data: { gameDayId: input.gameDayId, tokenHash: hashToken(token), createdById: user.id, createdByName: user.name, expiresAt },
  });
  await auditBy(user, "report.share-created", { type: "gameday", id: input.gameDayId }, { shareId: share.id, expiresAt: expiresAt.toISOString() });
  const path = `/share/${token}`;
  return { id: share.id, token, path, url: publicLink(path), expiresAt: expiresAt.toISOString() };
}

/** The GameDay's share links, newest first, with whether each still works. */
export async function listShareLinks(user: SessionUser, gameDayId: string, now = new Date()): Promise<ShareLinkView[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.reportShare.findMany({ where: { gameDayId }, orderBy: { createdAt: "desc" } });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    createdByName: s.createdByName,
    expiresAt: s.expiresAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
    state: s.revokedAt ? "revoked" : s.expiresAt <= now ? "expired" : "active",
  }));
}

/** Revokes a share link at once; its URL answers "revoked" from then on. */
export async function revokeShareLink(user: SessionUser, shareId: string): Promise<{ gameDayId: string }> {
  const share = await db.reportShare.findFirst({ where: { id: shareId, gameDay: { teamId: user.teamId } } });
  if (!share) throw notFound("Share link");
  if (!share.revokedAt) {
    await db.reportShare.update({ where: { id: shareId }, data: { revokedAt: new Date() } });
    await auditBy(user, "report.share-revoked", { type: "gameday", id: share.gameDayId }, { shareId });
  }
  return { gameDayId: share.gameDayId };
}

/**
 * The report behind a share token, for someone without an account. Unknown,
 * revoked and expired tokens are all NOT_FOUND (with a message saying which
 * of the last two, since the holder of a once-valid link deserves to know).
 */
export async function buildSharedReport(token: string, now = new Date()): Promise<ReportModel> {
  if (!shareTokenSchema.safeParse(token).success) throw notFound("Shared report");
  const share = await db.reportShare.findUnique({ where: { tokenHash: hashToken(token) }, include: { gameDay: { select: { teamId: true, team: { select: { name: true } } } } } });
  if (!share) throw notFound("Shared report");
  if (share.revokedAt) throw new AppError({ code: "NOT_FOUND", message: "This report link was revoked. Ask the team for a new one." });
  if (share.expiresAt <= now) throw new AppError({ code: "NOT_FOUND", message: "This report link has expired. Ask the team for a new one." });
  // A read-only stand-in for the link holder: lib's loaders scope every query to its team.
  const viewer: SessionUser = { id: `share:${share.id}`, email: "", name: "Shared link", teamId: share.gameDay.teamId, teamName: share.gameDay.team.name, role: "viewer" };
  return buildReport(viewer, share.gameDayId);
}
