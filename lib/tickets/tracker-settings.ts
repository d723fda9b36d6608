import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { outboundUrlIssue } from "@/lib/outbound/policy";
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

/** A base URL as compared for the token's binding: scheme, host (lower case, default port dropped) and path without trailing slashes. */
function canonicalBaseUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw.trim();
  const u = new URL(raw);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`;
}

/**
 * What a stored token is bound to, and which of it the new settings change:
 * the tracker kind, the API address and (Jira, which sends email:token) the
 * account. The project is not part of it: a new project on the same host
 * sends the token to the same tracker that issued it.
 */
function bindingChanges(existing: { kind: string; baseUrl: string; accountEmail: string }, input: TrackerSettingsInput): string[] {
  const changes: string[] = [];
  if (existing.kind !== input.kind) changes.push("tracker");
  else {
    if (canonicalBaseUrl(existing.baseUrl) !== canonicalBaseUrl(input.baseUrl)) changes.push("API address");
    if (input.kind === "jira" && existing.accountEmail.trim().toLowerCase() !== input.accountEmail.trim().toLowerCase()) changes.push("account email");
  }
  return changes;
}

/**
 * Saves the team's tracker. The token is encrypted before it is stored; a
 * blank token keeps the stored one (the form never receives it back) only
 * while the tracker, API address and account stay the same: a stored token
 * is never sent to a new address, so changing them needs the token again and
 * the old one is discarded (the audit entry says so). Choosing the built-in
 * tracker removes the external one and its token.
 */
export async function saveTrackerSettings(user: SessionUser, input: TrackerSettingsInput): Promise<void> {
  const existing = await db.trackerConnection.findUnique({ where: { teamId: user.teamId } });
  if (input.kind === "builtin") {
    if (existing) await db.trackerConnection.delete({ where: { teamId: user.teamId } });
    await auditBy(user, "tracker.configured", { type: "team", id: user.teamId }, { kind: "builtin", ...(existing ? { storedTokenCleared: true } : {}) });
    return;
  }
  // The schema checks this too; lib callers that skip it must not save an address the guard would refuse.
  const urlIssue = outboundUrlIssue(input.baseUrl, "trackers");
  if (urlIssue) throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { baseUrl: urlIssue } });
  const changes = existing ? bindingChanges(existing, input) : [];
  if (!input.token) {
    const token = !existing
      ? "Enter the API token for this tracker."
      : changes.length
        ? `The ${changes.join(" and ")} changed: enter the API token again. A stored token is never sent to a new address or account.`
        : null;
    if (token) throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { token } });
  }
  const secret = input.token ? { encryptedToken: encryptSecret(input.token), tokenHint: `…${input.token.slice(-4)}` } : {};
  const data = { kind: input.kind, baseUrl: input.baseUrl.replace(/\/+$/, ""), project: input.project, accountEmail: input.accountEmail, labels: input.labels, ...secret };
  if (existing) await db.trackerConnection.update({ where: { teamId: user.teamId }, data });
  else await db.trackerConnection.create({ data: { teamId: user.teamId, encryptedToken: "", tokenHint: "", ...data } });
  await auditBy(
    user,
    "tracker.configured",
    { type: "team", id: user.teamId },
    { kind: input.kind, baseUrl: data.baseUrl, project: input.project, tokenChanged: Boolean(input.token), ...(changes.length ? { storedTokenCleared: true, clearedBecause: changes } : {}) },
  );
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
