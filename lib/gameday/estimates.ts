import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "./gamedays";
import { userImpactSchema, type UserImpact } from "./impact";
import { injectionPointSchema, type EstimateInput, type InjectionPoint } from "./schemas";

export interface EstimateView {
  hypothesis: string;
  severity: number;
  userImpact: UserImpact;
  alertExpected: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  fleetSize: number | null;
  mtbfDays: number | null;
}

export interface FailureModeWithEstimate {
  id: string;
  title: string;
  description: string;
  injectionPoint: InjectionPoint;
  votes: number;
  estimate: EstimateView | null;
}

/** Failure modes of a GameDay with their estimates, most voted first. */
export async function listEstimates(user: SessionUser, gameDayId: string): Promise<FailureModeWithEstimate[]> {
  await getGameDayOrThrow(user, gameDayId);
  const rows = await db.failureMode.findMany({
    where: { gameDayId },
    include: { estimate: true, _count: { select: { votes: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      injectionPoint: injectionPointSchema.parse(f.injectionPoint),
      votes: f._count.votes,
      estimate: f.estimate ? toEstimateView(f.estimate) : null,
    }))
    .sort((a, b) => b.votes - a.votes);
}

export function toEstimateView(e: {
  hypothesis: string;
  severity: number;
  userImpact: string;
  alertExpected: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
  fleetSize: number | null;
  mtbfDays: number | null;
}): EstimateView {
  return {
    hypothesis: e.hypothesis,
    severity: e.severity,
    userImpact: userImpactSchema.parse(e.userImpact),
    alertExpected: e.alertExpected,
    timeToDetectMin: e.timeToDetectMin,
    timeToRecoverMin: e.timeToRecoverMin,
    fleetSize: e.fleetSize,
    mtbfDays: e.mtbfDays,
  };
}

/** Creates or replaces the estimate of a failure mode. */
export async function saveEstimate(user: SessionUser, input: EstimateInput): Promise<{ gameDayId: string }> {
  const { failureModeId, ...data } = input;
  const f = await db.failureMode.findFirst({ where: { id: failureModeId, gameDay: { teamId: user.teamId } } });
  if (!f) throw notFound("Failure mode");
  await db.impactEstimate.upsert({
    where: { failureModeId },
    create: { failureModeId, ...data, authorId: user.id },
    update: { ...data, authorId: user.id },
  });
  await auditBy(user, "estimate.saved", { type: "failure-mode", id: failureModeId }, { severity: data.severity });
  return { gameDayId: f.gameDayId };
}
