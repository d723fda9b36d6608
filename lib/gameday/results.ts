import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { compareImpact, type ImpactDifference } from "./impact";
import { toEstimateView, type EstimateView } from "./estimates";
import { getGameDayOrThrow } from "./gamedays";
import { runStatusSchema, type RunStatus } from "@/lib/runs/status";
import { userImpactSchema } from "./impact";
import { summariseConfirmation } from "@/lib/runs/fault-confirmation";

export interface ResultRow {
  runId: string;
  runStatus: RunStatus;
  endedAt: string | null;
  experimentId: string;
  experimentTitle: string;
  hypothesis: string;
  failureMode: { id: string; title: string } | null;
  estimate: EstimateView | null;
  measured: {
    severity: number;
    userImpact: string;
    alertFired: boolean;
    timeToDetectMin: number | null;
    timeToRecoverMin: number | null;
    hypothesisHeld: boolean;
    notes: string;
  } | null;
  differences: ImpactDifference[];
  /** Set when the run's fault never took effect (lib/runs/fault-confirmation.ts): its measurement says nothing about the hypothesis. */
  inconclusive: string | null;
}

/**
 * Estimate beside measurement for every finished run of a GameDay: one row
 * per (run, linked failure mode), so each estimate is compared with the run
 * that tested it.
 */
export async function getResults(user: SessionUser, gameDayId: string): Promise<ResultRow[]> {
  await getGameDayOrThrow(user, gameDayId);
  const runs = await db.run.findMany({
    where: { experiment: { gameDayId }, status: { in: ["completed", "aborted", "failed"] } },
    include: {
      measured: true,
      ledger: { select: { stepIndex: true, effect: true } },
      experiment: { include: { failureModes: { include: { failureMode: { include: { estimate: true } } } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const rows: ResultRow[] = [];
  for (const run of runs) {
    const measured = run.measured
      ? {
          severity: run.measured.severity,
          userImpact: run.measured.userImpact,
          alertFired: run.measured.alertFired,
          timeToDetectMin: run.measured.timeToDetectMin,
          timeToRecoverMin: run.measured.timeToRecoverMin,
          hypothesisHeld: run.measured.hypothesisHeld,
          notes: run.measured.notes,
        }
      : null;
    const { inconclusive } = summariseConfirmation(run.ledger);
    const links = run.experiment.failureModes.length ? run.experiment.failureModes.map((l) => l.failureMode) : [null];
    for (const fm of links) {
      const estimate = fm?.estimate ? toEstimateView(fm.estimate) : null;
      rows.push({
        runId: run.id,
        runStatus: runStatusSchema.parse(run.status),
        endedAt: run.endedAt?.toISOString() ?? null,
        experimentId: run.experimentId,
        experimentTitle: run.experiment.title,
        hypothesis: run.experiment.hypothesis,
        failureMode: fm ? { id: fm.id, title: fm.title } : null,
        estimate,
        measured,
        inconclusive,
        differences:
          estimate && measured
            ? compareImpact(
                { severity: estimate.severity, userImpact: estimate.userImpact, alert: estimate.alertExpected, timeToDetectMin: estimate.timeToDetectMin, timeToRecoverMin: estimate.timeToRecoverMin },
                { severity: measured.severity, userImpact: userImpactSchema.parse(measured.userImpact), alert: measured.alertFired, timeToDetectMin: measured.timeToDetectMin, timeToRecoverMin: measured.timeToRecoverMin },
              )
            : [],
      });
    }
  }
  return rows;
}
