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
import { summariseConfirmation } from "@/lib/runs/fault-confirmation";
import { describeObject, type ObjectRef } from "@/lib/faults/fault-module";

/** Gathers everything of a GameDay into the report model. */
export async function buildReport(user: SessionUser, gameDayId: string): Promise<ReportModel> {
  const g = await getGameDayOrThrow(user, gameDayId);
  const [failureModes, experiments, results, followUps, events, charts, ledger] = await Promise.all([
    listEstimates(user, gameDayId),
    listExperiments(user, gameDayId),
    getResults(user, gameDayId),
    listFollowUps(user, gameDayId),
    db.runEvent.findMany({ where: { run: { experiment: { gameDayId } } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    reportChartsByRun(gameDayId),
    db.ledgerEntry.findMany({ where: { run: { experiment: { gameDayId } } }, orderBy: { createdAt: "asc" } }),
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
        const entries = ledger.filter((l) => l.runId === run.id);
        const { inconclusive } = summariseConfirmation(entries);
        return {
          id: run.id,
          status: run.status,
          startedAt: events.find((ev) => ev.runId === run.id && ev.type === "inject")?.at.toISOString() ?? null,
          endedAt: rows[0]?.endedAt ?? null,
          timeline: events.filter((ev) => ev.runId === run.id).map((ev) => ({ at: ev.at.toISOString(), type: ev.type, message: ev.message, actor: ev.actorName })),
          hypothesisHeld: measured && !inconclusive ? measured.hypothesisHeld : null,
          inconclusive,
          confirmations: entries.map((l) => ({ fault: findFaultKind(l.kind)?.label ?? l.kind, target: describeObject(l.target as unknown as ObjectRef), effect: l.effect, detail: l.effectDetail, recovery: l.recovery })),
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
