import "server-only";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/auth/roles";
import { loadRunAlerts } from "@/lib/alerts/run-alerts-view";
import { TERMINAL_STATUSES } from "@/lib/runs/status";
import { calibrate, type Calibration, type CalibrationEntry } from "./calibration";
import { measurementOf } from "./measurement";

/** A person in the team's calibration, for facilitators: how many guesses, and their typical errors. */
export interface PersonCalibrationLine {
  userId: string;
  name: string;
  guesses: number;
  timeToDetect: string;
  timeToRecover: string;
  willPage: string;
}

export interface CalibrationView {
  scope: { kind: "team"; name: string } | { kind: "person"; userId: string; name: string };
  calibration: Calibration;
  /** Everyone's line, for facilitators and admins on the team view; null for others (their own is a link). */
  people: PersonCalibrationLine[] | null;
  /** The viewer may open other people's calibration. */
  mayOpenOthers: boolean;
}

/** The team's ended runs with guesses, each with its measurement: only revealed guesses are ever read. */
async function loadEntries(teamId: string): Promise<CalibrationEntry[]> {
  const runs = await db.run.findMany({
    where: { status: { in: [...TERMINAL_STATUSES] }, experiment: { gameDay: { teamId } }, guesses: { some: {} } },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      createdAt: true,
      measured: { select: { timeToDetectMin: true, timeToRecoverMin: true, paged: true } },
      guesses: { select: { userId: true, userName: true, timeToDetectMin: true, timeToRecoverMin: true, willPage: true } },
      experiment: { select: { title: true, gameDay: { select: { id: true, title: true } } } },
    },
  });
  const out: CalibrationEntry[] = [];
  for (const r of runs) {
    const alerts = r.startedAt ? (await loadRunAlerts(r.id, r.startedAt.getTime() / 1000)).measures : null;
    out.push({
      runId: r.id,
      at: (r.endedAt ?? r.createdAt).toISOString(),
      gameDayId: r.experiment.gameDay.id,
      gameDayTitle: r.experiment.gameDay.title,
      experimentTitle: r.experiment.title,
      measurement: measurementOf(r.measured, alerts),
      guesses: r.guesses.map((g) => ({ userId: g.userId, name: g.userName, values: { timeToDetectMin: g.timeToDetectMin, timeToRecoverMin: g.timeToRecoverMin, willPage: g.willPage } })),
    });
  }
  return out;
}

const only = (entries: CalibrationEntry[], userId: string) => entries.map((e) => ({ ...e, guesses: e.guesses.filter((g) => g.userId === userId) }));

/**
 * How good the team's estimates are, across its GameDays: every revealed
 * guess against its run's measurement. With `personId`, one person's: shown
 * to that person and to facilitators and admins, refused to anyone else;
 * another team's member is not found. Reads only.
 */
export async function getCalibration(user: SessionUser, opts: { personId?: string } = {}): Promise<CalibrationView> {
  const mayOpenOthers = can(user.role, "facilitate");
  const entries = await loadEntries(user.teamId);
  if (opts.personId) {
    if (opts.personId !== user.id && !mayOpenOthers) throw forbidden("A person's calibration is shown to them and to facilitators and admins.");
    const member = await db.membership.findFirst({ where: { teamId: user.teamId, userId: opts.personId }, select: { user: { select: { id: true, name: true } } } });
    if (!member) throw notFound("Team member");
    return { scope: { kind: "person", userId: member.user.id, name: member.user.name }, calibration: calibrate(only(entries, member.user.id)), people: null, mayOpenOthers };
  }
  const team = await db.team.findUnique({ where: { id: user.teamId }, select: { name: true } });
  let people: PersonCalibrationLine[] | null = null;
  if (mayOpenOthers) {
    const names = new Map(entries.flatMap((e) => e.guesses.map((g) => [g.userId, g.name] as const)));
    people = [...names].map(([userId, name]) => {
      const c = calibrate(only(entries, userId));
      return { userId, name, guesses: c.guesses, timeToDetect: c.timeToDetectMin.sentence, timeToRecover: c.timeToRecoverMin.sentence, willPage: c.willPage.sentence };
    }).sort((a, b) => a.name.localeCompare(b.name));
  }
  return { scope: { kind: "team", name: team?.name ?? user.teamName }, calibration: calibrate(entries), people, mayOpenOthers };
}
