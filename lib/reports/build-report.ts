import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { listEstimates } from "@/lib/gameday/estimates";
import { getResults } from "@/lib/gameday/results";
import { listExperiments } from "@/lib/experiments/experiments";
import { isPeopleExperiment } from "@/lib/experiments/schemas";
import { listFollowUps } from "@/lib/tickets/follow-ups";
import { findFaultKind } from "@/lib/faults/catalog";
import type { ReportModel } from "./report-model";
import { summarise } from "./summarise";
import { findingsFromResults } from "./findings";
import { describeTargets } from "./describe-targets";
import { reportChartsByRun } from "@/lib/metrics/report-charts";

/** Gathers everything of a GameDay into the report model. */
export async function buildReport(user: SessionUser, gameDayId: string): Promise<ReportModel> {
  const g = await getGameDayOrThrow(user, gameDayId);
  const [failureModes, experiments, results, followUps, events, charts] = await Promise.all([
    listEstimates(user, gameDayId),
    listExperiments(user, gameDayId),
    getResults(user, gameDayId),
    listFollowUps(user, gameDayId),
    db.runEvent.findMany({ where: { run: { experiment: { gameDayId } } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    reportChartsByRun(gameDayId),
  ]);
  const titleOf = new Map(failureModes.map((f) => [f.id, f.title]));
  const base: Omit<ReportModel, "summary"> = {
    gameDay: { id: g.id, title: g.title, date: g.scheduledFor.toISOString(), goals: g.goals, systemUnderTest: g.systemUnderTest, phase: g.phase },
    participants: g.participants.map((p) => ({ name: p.name, email: p.email })),
    failureModes: failureModes.map((f) => ({ id: f.id, title: f.title, description: f.description, injectionPoint: f.injectionPoint, votes: f.votes, estimate: f.estimate })),
    experiments: experiments.map((e) => ({
      title: e.title,
      hypothesis: e.hypothesis,
      faults: e.faults.map((f) => ({ label: findFaultKind(f.kind)?.label ?? f.kind, params: f.params })),
      targets: isPeopleExperiment(e.faults) ? "" : describeTargets(e.targets),
      durationSec: e.durationSec,
      failureModes: e.failureModeIds.map((id) => titleOf.get(id) ?? id),
      runs: [...e.runs].reverse().map((run) => {
        const rows = results.filter((r) => r.runId === run.id);
        const measured = rows[0]?.measured ?? null;
        return {
          id: run.id,
          status: run.status,
          startedAt: events.find((ev) => ev.runId === run.id && ev.type === "inject")?.at.toISOString() ?? null,
          endedAt: rows[0]?.endedAt ?? null,
          timeline: events.filter((ev) => ev.runId === run.id).map((ev) => ({ at: ev.at.toISOString(), type: ev.type, message: ev.message, actor: ev.actorName })),
          hypothesisHeld: measured ? measured.hypothesisHeld : null,
          notes: measured?.notes ?? "",
          differences: rows.flatMap((r) => r.differences),
          ...(charts.has(run.id) ? { charts: charts.get(run.id) } : {}),
        };
      }),
    })),
    findings: findingsFromResults(results),
    followUps: followUps.map((f) => ({ key: f.externalKey, title: f.title, status: f.status, url: f.externalUrl, failureMode: f.failureMode?.title ?? null })),
    generatedAt: new Date().toISOString(),
  };
  return { ...base, summary: summarise(base) };
}
