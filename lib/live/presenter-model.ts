import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import { getBoard } from "@/lib/gameday/board";
import { listEstimates } from "@/lib/gameday/estimates";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { USER_IMPACT_LABELS } from "@/lib/gameday/impact";
import type { Phase } from "@/lib/gameday/phases";
import { getResults } from "@/lib/gameday/results";
import { INJECTION_POINTS, INJECTION_POINT_LABELS } from "@/lib/gameday/schemas";
import { listExperiments } from "@/lib/experiments/experiments";
import { getRunOrThrow, listRuns, type FaultAlert } from "@/lib/runs/run-views";
import { RUN_STATUS_LABELS, isLive, type RunStatus } from "@/lib/runs/status";
import { loadPresenterGuesses, type PresenterGuesses } from "@/lib/gameday/guesses/presenter-guesses";

/** An estimate as the big screen shows it: plain words and numbers. */
export interface ShownEstimate {
  hypothesis: string;
  severity: number;
  userImpact: string;
  alertExpected: boolean;
  timeToDetectMin: number | null;
  timeToRecoverMin: number | null;
}

/** Everything presenter mode shows, for every step, so moving a step never waits for data. */
export interface PresenterModel {
  gameDay: { id: string; title: string; goals: string; systemUnderTest: string; date: string; phase: Phase; stepTimerEndsAt: string | null; participants: string[] };
  board: { id: string; label: string; cards: { id: string; title: string; votes: number }[] }[];
  cardCount: number;
  voteCount: number;
  focus: { id: string; title: string; where: string; votes: number; estimate: ShownEstimate | null } | null;
  estimatedCount: number;
  experiment: { id: string; title: string; hypothesis: string; durationSec: number; estimate: ShownEstimate | null; runs: number } | null;
  experimentCount: number;
  run: {
    id: string;
    status: RunStatus;
    statusLabel: string;
    live: boolean;
    startedAt: string | null;
    endsAt: string | null;
    endedAt: string | null;
    durationSec: number;
    experimentTitle: string;
    hypothesis: string;
    events: { id: string; at: string; type: string; message: string }[];
    /** A fault that did not take effect, not answered yet: the room's alarm. */
    faultAlert: FaultAlert | null;
    /** "Inconclusive: the fault did not take effect." once a step tested nothing. */
    inconclusive: string | null;
  } | null;
  results: { key: string; experimentTitle: string; held: boolean | null; rows: { label: string; expected: string; measured: string; delta: string; verdict: string }[] }[];
  followUps: { id: string; key: string; title: string; status: string }[];
  /** The room's guesses: who guessed for the experiment up next; the latest run's, revealed once it ended. */
  guesses: PresenterGuesses;
}

function shown(e: { hypothesis: string; severity: number; userImpact: string; alertExpected: boolean; timeToDetectMin: number | null; timeToRecoverMin: number | null } | null): ShownEstimate | null {
  if (!e) return null;
  return { ...e, userImpact: USER_IMPACT_LABELS[e.userImpact as keyof typeof USER_IMPACT_LABELS] ?? e.userImpact };
}

/**
 * Loads presenter mode's view of a GameDay for a member of its team. The
 * "current" failure mode is the most voted one still to estimate; the
 * current experiment is the one running, else the next one not yet run.
 */
export async function loadPresenterModel(user: SessionUser, gameDayId: string): Promise<PresenterModel> {
  const g = await getGameDayOrThrow(user, gameDayId);
  const [cards, modes, experiments, runs, results, followUps] = await Promise.all([
    getBoard(user, gameDayId),
    listEstimates(user, gameDayId),
    listExperiments(user, gameDayId),
    listRuns(user, gameDayId),
    getResults(user, gameDayId),
    db.followUp.findMany({ where: { gameDayId }, select: { id: true, externalKey: true, title: true, status: true }, orderBy: { createdAt: "asc" } }),
  ]);

  const focusMode = modes.find((m) => !m.estimate) ?? modes[0] ?? null;
  const liveRun = runs.find((r) => isLive(r.status));
  const latestRun = liveRun ?? runs[0] ?? null;
  const run = latestRun ? await getRunOrThrow(user, latestRun.id) : null;
  const current = (run && experiments.find((e) => e.id === run.experiment.id && liveRun)) ?? experiments.find((e) => e.runs.length === 0) ?? experiments.at(-1) ?? null;
  const guesses = await loadPresenterGuesses(user, { nextExperimentId: current && !(liveRun && current.id === run?.experiment.id) ? current.id : null, runId: run?.id ?? null });
  const estimateOf = (failureModeIds: string[]) => shown(modes.find((m) => failureModeIds.includes(m.id) && m.estimate)?.estimate ?? null);

  return {
    gameDay: {
      id: g.id,
      title: g.title,
      goals: g.goals,
      systemUnderTest: g.systemUnderTest,
      date: g.scheduledFor.toISOString().slice(0, 10),
      phase: g.phase,
      stepTimerEndsAt: g.stepTimerEndsAt?.toISOString() ?? null,
      participants: g.participants.map((p) => p.name),
    },
    board: INJECTION_POINTS.map((p) => ({ id: p, label: INJECTION_POINT_LABELS[p], cards: cards.filter((c) => c.injectionPoint === p).map((c) => ({ id: c.id, title: c.title, votes: c.votes })) })).filter((c) => c.cards.length > 0),
    cardCount: cards.length,
    voteCount: cards.reduce((n, c) => n + c.votes, 0),
    focus: focusMode ? { id: focusMode.id, title: focusMode.title, where: INJECTION_POINT_LABELS[focusMode.injectionPoint], votes: focusMode.votes, estimate: shown(focusMode.estimate) } : null,
    estimatedCount: modes.filter((m) => m.estimate).length,
    experiment: current ? { id: current.id, title: current.title, hypothesis: current.hypothesis, durationSec: current.durationSec, estimate: estimateOf(current.failureModeIds), runs: current.runs.length } : null,
    experimentCount: experiments.length,
    run: run
      ? {
          id: run.id,
          status: run.status,
          statusLabel: RUN_STATUS_LABELS[run.status],
          live: isLive(run.status),
          startedAt: run.startedAt,
          endsAt: run.endsAt,
          endedAt: run.endedAt,
          durationSec: run.experiment.durationSec,
          experimentTitle: run.experiment.title,
          hypothesis: run.experiment.hypothesis,
          events: run.events.slice(-6).map((e) => ({ id: e.id, at: e.at, type: e.type, message: e.message })),
          faultAlert: run.faultAlert,
          inconclusive: run.confirmation.inconclusive,
        }
      : null,
    results: results
      .filter((r) => r.measured)
      .map((r) => ({
        key: `${r.runId}-${r.failureMode?.id ?? "none"}`,
        experimentTitle: r.experimentTitle,
        held: r.measured ? r.measured.hypothesisHeld : null,
        rows: r.differences.map((d) => ({ label: d.label, expected: d.expected, measured: d.measured, delta: d.delta, verdict: d.verdict })),
      })),
    followUps: followUps.map((f) => ({ id: f.id, key: f.externalKey ?? "—", title: f.title, status: f.status })),
    guesses,
  };
}
