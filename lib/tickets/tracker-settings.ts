import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { decryptSecret, encryptSecret } from "@/lib/secrets/encrypt";
import type { ExternalTracker } from "./tracker";
import { githubTracker } from "./trackers/github";
import { gitlabTracker } from "./trackers/gitlab";
import { jiraTracker } from "./trackers/jira";
import { TRACKER_KINDS, type ExternalTrackerKind, type TrackerKind, type TrackerSettingsInput } from "./schemas";

/** The team's tracker settings as the browser may see them: never the token, only a hint of it. */
export interface TrackerSettingsView {
  kind: TrackerKind;
  baseUrl: string;
  project: string;
  accountEmail: string;
  labels: string;
  tokenHint: string | null;
}

/** The team's tracker settings (the built-in tracker when none is configured). */
export async function getTrackerSettings(user: SessionUser): Promise<TrackerSettingsView> {
  const c = await db.trackerConnection.findUnique({ where: { teamId: user.teamId } });
  if (!c) return { kind: "builtin", baseUrl: "", project: "", accountEmail: "", labels: "firedrill", tokenHint: null };
  return { kind: TRACKER_KINDS.includes(c.kind as TrackerKind) ? (c.kind as TrackerKind) : "builtin", baseUrl: c.baseUrl, project: c.project, accountEmail: c.accountEmail, labels: c.labels, tokenHint: c.tokenHint };
}

/**
 * Saves the team's tracker. The token is encrypted before it is stored; a
 * blank token keeps the stored one (the form never receives it back).
 * Choosing the built-in tracker removes the external one and its token.
 */
export async function saveTrackerSettings(user: SessionUser, input: TrackerSettingsInput): Promise<void> {
  const existing = await db.trackerConnection.findUnique({ where: { teamId: user.teamId } });
  if (input.kind === "builtin") {
    if (existing) await db.trackerConnection.delete({ where: { teamId: user.teamId } });
    await auditBy(user, "tracker.configured", { type: "team", id: user.teamId }, { kind: "builtin" });
    return;
  }
  const keepToken = !input.token && existing && existing.kind === input.kind;
  if (!input.token && !keepToken) {
    throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { token: "Enter the API token for this tracker." } });
  }
  const secret = input.token ? { encryptedToken: encryptSecret(input.token), tokenHint: `…${input.token.slice(-4)}` } : {};
  const data = { kind: input.kind, baseUrl: input.baseUrl.replace(/\/+$/, ""), project: input.project, accountEmail: input.accountEmail, labels: input.labels, ...secret };
  if (existing) await db.trackerConnection.update({ where: { teamId: user.teamId }, data });
  else await db.trackerConnection.create({ data: { teamId: user.teamId, encryptedToken: "", tokenHint: "", ...data } });
  await auditBy(user, "tracker.configured", { type: "team", id: user.teamId }, { kind: input.kind, baseUrl: data.baseUrl, project: input.project, tokenChanged: Boolean(input.token) });
}

/** The team's external tracker client with its default labels, or null for the built-in tracker. */
export async function openTeamTracker(teamId: string): Promise<{ tracker: ExternalTracker; labels: string[] } | null> {
  const c = await db.trackerConnection.findUnique({ where: { teamId } });
  if (!c) return null;
  return { tracker: trackerClient(c.kind as ExternalTrackerKind, { baseUrl: c.baseUrl, project: c.project, email: c.accountEmail, token: decryptSecret(c.encryptedToken) }), labels: splitLabels(c.labels) };
}

/** A client for one tracker kind. */
export function trackerClient(kind: ExternalTrackerKind, cfg: { baseUrl: string; project: string; email: string; token: string }): ExternalTracker {
  switch (kind) {
    case "github":
      return githubTracker(cfg);
    case "gitlab":
      return gitlabTracker(cfg);
    case "jira":
      return jiraTracker(cfg);
  }
}

export const splitLabels = (s: string) => s.split(",").map((l) => l.trim()).filter(Boolean);
