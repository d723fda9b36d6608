import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { getResults } from "@/lib/gameday/results";
import { findingsFromResults } from "@/lib/reports/findings";
import type { ReportFinding } from "@/lib/reports/report-model";
import { insertFollowUp, type LinkContext } from "./follow-ups";
import { openTeamTracker } from "./tracker-settings";
import { fail, syncFollowUp, type SyncOutcome } from "./sync-follow-up";
import type { CreateFromFindingsInput } from "./schemas";
import type { TrackerFailure, TrackerFailureCode } from "./tracker-failure";

export interface FiledTicket {
  followUpId: string;
  title: string;
  key: string | null;
}
export interface FilingError {
  followUpId: string | null;
  title: string;
  code: TrackerFailureCode | "unknown-finding";
  message: string;
}
/** What a batch did, ticket by ticket: one failure never hides the others. */
export interface FilingReport {
  results: FiledTicket[];
  errors: FilingError[];
}

// After one of these, the next call to the same tracker would fail the same
// way: the rest of the batch is marked with the same reason without calling.
const BLOCKING: TrackerFailureCode[] = ["unauthorized", "forbidden", "rate-limited", "unreachable", "not-found", "refused"];

/** The GameDay's findings, each with the follow-up already filed for it (if any). */
export async function listFindings(user: SessionUser, gameDayId: string): Promise<(ReportFinding & { followUpId: string | null })[]> {
  await getGameDayOrThrow(user, gameDayId);
  const [results, filed] = await Promise.all([getResults(user, gameDayId), db.followUp.findMany({ where: { gameDayId, findingKey: { not: null } }, select: { id: true, findingKey: true } })]);
  const byKey = new Map(filed.map((f) => [f.findingKey, f.id]));
  return findingsFromResults(results).map((f) => ({ ...f, followUpId: byKey.get(f.key) ?? null }));
}

/**
 * Files one follow-up per selected finding, at the end of the day. Each is
 * saved before its tracker is called; a finding already filed is not filed
 * again. Returns per-ticket results and errors.
 */
export async function fileFindings(user: SessionUser, input: CreateFromFindingsInput, links: LinkContext): Promise<FilingReport> {
  await getGameDayOrThrow(user, input.gameDayId);
  const findings = new Map(findingsFromResults(await getResults(user, input.gameDayId)).map((f) => [f.key, f]));
  const external = await openTeamTracker(user.teamId);
  const report: FilingReport = { results: [], errors: [] };
  let blocked: TrackerFailure | null = null;
  for (const item of input.items) {
    const finding = findings.get(item.findingKey);
    if (!finding) {
      report.errors.push({ followUpId: null, title: item.title, code: "unknown-finding", message: "This finding is no longer part of the results (was the measurement changed?)." });
      continue;
    }
    const id = await insertFollowUp(
      user,
      { gameDayId: input.gameDayId, title: item.title, body: finding.detail, failureModeId: finding.failureModeId ?? undefined, runId: finding.runId, labels: input.labels, findingKey: finding.key },
      external?.tracker.kind ?? null,
    );
    const outcome: SyncOutcome = !external
      ? { id, key: (await db.followUp.findUniqueOrThrow({ where: { id } })).externalKey, failure: null }
      : blocked
        ? await fail(id, blocked)
        : await syncFollowUp(user, id, external, links);
    if (outcome.failure) {
      report.errors.push({ followUpId: id, title: item.title, code: outcome.failure.code, message: outcome.failure.message });
      if (BLOCKING.includes(outcome.failure.code)) blocked = outcome.failure;
    } else report.results.push({ followUpId: id, title: item.title, key: outcome.key });
  }
  return report;
}

/** Retries every follow-up of the GameDay that is not yet in its tracker (looking each up before creating it). */
export async function retryPendingFollowUps(user: SessionUser, gameDayId: string, links: LinkContext, only?: string): Promise<FilingReport> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.followUp.findMany({ where: { gameDayId, syncState: { not: "synced" }, ...(only ? { id: only } : {}) }, orderBy: { createdAt: "asc" } });
  const report: FilingReport = { results: [], errors: [] };
  if (rows.length === 0) return report;
  const external = await openTeamTracker(user.teamId);
  if (!external) {
    for (const r of rows) report.errors.push({ followUpId: r.id, title: r.title, code: "rejected", message: "No external tracker is configured any more; an admin can set one in Settings → Trackers." });
    return report;
  }
  let blocked: TrackerFailure | null = null;
  for (const r of rows) {
    const outcome: SyncOutcome = blocked ? await fail(r.id, blocked) : await syncFollowUp(user, r.id, external, links);
    if (outcome.failure) {
      report.errors.push({ followUpId: r.id, title: r.title, code: outcome.failure.code, message: outcome.failure.message });
      if (BLOCKING.includes(outcome.failure.code)) blocked = outcome.failure;
    } else report.results.push({ followUpId: r.id, title: r.title, key: outcome.key });
  }
  return report;
}
