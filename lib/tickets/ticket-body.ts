import { SEVERITY_LABELS, USER_IMPACT_LABELS, type UserImpact } from "@/lib/gameday/impact";

export interface TicketContext {
  gameDayTitle: string;
  failureMode: string | null;
  experiment: string | null;
  runStatus: string | null;
  measured: { severity: number; userImpact: string; alertFired: boolean; timeToDetectMin: number | null; timeToRecoverMin: number | null; hypothesisHeld: boolean } | null;
  links: { run: string | null; report: string | null };
}

/** The marker written into every external ticket; a retry searches for it before creating anything. */
export const ticketMarker = (followUpId: string) => `firedrill-follow-up:${followUpId}`;

/**
 * A ticket body that stands on its own in the team's tracker: what was
 * written, the failure mode, the run and its measured impact, and a link back.
 */
export function composeTicketBody(body: string, ctx: TicketContext, marker: string): string {
  const lines: string[] = [];
  if (body) lines.push(body, "");
  lines.push(`GameDay: ${ctx.gameDayTitle}`);
  if (ctx.failureMode) lines.push(`Failure mode: ${ctx.failureMode}`);
  if (ctx.experiment) lines.push(`Run: ${ctx.experiment}${ctx.runStatus ? ` (${ctx.runStatus})` : ""}`);
  if (ctx.measured) {
    const m = ctx.measured;
    lines.push(
      `Measured impact: severity ${m.severity} (${SEVERITY_LABELS[m.severity] ?? "?"}), ${USER_IMPACT_LABELS[m.userImpact as UserImpact] ?? m.userImpact}, alert ${m.alertFired ? "fired" : "did not fire"}` +
        `${m.timeToDetectMin !== null ? `, detected after ${m.timeToDetectMin} min` : ""}${m.timeToRecoverMin !== null ? `, recovered after ${m.timeToRecoverMin} min` : ""}; hypothesis ${m.hypothesisHeld ? "held" : "disproved"}.`,
    );
  }
  if (ctx.links.run) lines.push(`Run in Firedrill: ${ctx.links.run}`);
  if (ctx.links.report) lines.push(`Report: ${ctx.links.report}`);
  lines.push("", `Firedrill reference: ${marker}`);
  return lines.join("\n");
}
