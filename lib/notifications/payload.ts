import type { NotificationKind, RunEvent } from "./schemas";

export interface RunEventNotice {
  gameDayId: string;
  gameDayTitle: string;
  runId: string;
  event: RunEvent;
  title: string;
  actor: string;
  at: string;
  link: string | null;
}

const VERB: Record<RunEvent, string> = { started: "▶ Run started", stopped: "■ Run stopped", aborted: "⚠ Run aborted" };

/** The JSON body sent for a run event: Slack's message format, or Firedrill's own event document for a generic webhook. */
export function notificationPayload(kind: NotificationKind, n: RunEventNotice): Record<string, unknown> {
  if (kind === "slack") {
    // Slack mrkdwn: &, < and > must be escaped in user text.
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const title = n.link ? `<${n.link}|${esc(n.title)}>` : `*${esc(n.title)}*`;
    return { text: `${VERB[n.event]}: ${title} — GameDay “${esc(n.gameDayTitle)}”, by ${esc(n.actor)}` };
  }
  return {
    type: `firedrill.run.${n.event}`,
    event: n.event,
    at: n.at,
    actor: n.actor,
    gameDay: { id: n.gameDayId, title: n.gameDayTitle },
    run: { id: n.runId, title: n.title, link: n.link },
  };
}
