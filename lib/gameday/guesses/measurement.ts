import type { AlertMeasures } from "@/lib/alerts/alert-measures";
import type { Measurement } from "./guess-error";

/**
 * The measurement guesses are compared with. What the room recorded as the
 * run's measured impact comes first (it is the team's own judgement, already
 * proposed from its alerting); a figure it left open is taken from the
 * team's alerting when that watched the run: the first alert firing is time
 * to detect, a notification is "paged". Time to recover has no alerting
 * counterpart (an alert resolving is not the system recovering).
 */
export function measurementOf(recorded: { timeToDetectMin: number | null; timeToRecoverMin: number | null; paged: boolean | null } | null, alerts: AlertMeasures | null): Measurement {
  const watched = alerts?.watched === true ? alerts : null;
  const alertDetect = watched && watched.timeToFireSec !== null ? watched.timeToFireSec / 60 : null;
  const alertPaged = watched?.pagingWatched ? watched.paged : null;
  if (recorded) {
    return { timeToDetectMin: recorded.timeToDetectMin ?? alertDetect, timeToRecoverMin: recorded.timeToRecoverMin, paged: recorded.paged ?? alertPaged, source: "recorded" };
  }
  if (alertDetect !== null || alertPaged !== null) return { timeToDetectMin: alertDetect, timeToRecoverMin: null, paged: alertPaged, source: "alerts" };
  return { timeToDetectMin: null, timeToRecoverMin: null, paged: null, source: "none" };
}
