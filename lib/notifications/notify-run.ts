import "server-only";
import { db } from "@/lib/db/client";
import { sendOutbound, type OutboundRequest } from "@/lib/outbound/guarded-request";
import { outboundErrorOf } from "@/lib/outbound/outbound-error";
import { decryptSecret } from "@/lib/secrets/encrypt";
import { publicUrl } from "@/lib/runtime/public-url";
import { notificationPayload } from "./payload";
import type { RunEvent } from "./schemas";

const TIMEOUT_MS = 5_000;
// Slack answers "ok"; nothing a webhook says is read, so little is accepted.
const MAX_ANSWER_BYTES = 64 * 1024;

/** Tests: where names resolve and which destinations the operator allows (default: the system and FIREDRILL_OUTBOUND_ALLOW). */
export type NotifyNetwork = Pick<OutboundRequest, "resolve" | "policy">;

export interface NotifyOutcome {
  results: { targetId: string; status: number }[];
  errors: { targetId: string; message: string }[];
}

/**
 * Tells the GameDay's Slack/webhook targets that a run started, stopped or
 * was aborted. Never throws and never blocks a run for long: each target gets
 * one POST with a 5 s limit, failures are returned as data, logged, and kept
 * on the target (lastError) for the follow-ups page. The POST goes through the
 * outbound guard (lib/outbound): facilitators set these addresses, so an
 * internal one is refused and what is kept says only the HTTP status,
 * "refused", "timed out" or "unreachable" — never what the server answered.
 */
export async function notifyRunEvent(input: { gameDayId: string; runId: string; event: RunEvent; title: string; actor: string }, network: NotifyNetwork = {}): Promise<NotifyOutcome> {
  const out: NotifyOutcome = { results: [], errors: [] };
  try {
    const targets = await db.runNotificationTarget.findMany({ where: { gameDayId: input.gameDayId }, include: { gameDay: { select: { title: true } } } });
    const base = publicUrl();
    await Promise.all(
      targets.map(async (t) => {
        const failed = async (reason: string) => {
          const message = `Run ${input.event} notification to ${t.urlHint} failed: ${reason}`;
          out.errors.push({ targetId: t.id, message });
          console.warn(message);
          await db.runNotificationTarget.update({ where: { id: t.id }, data: { lastError: message.slice(0, 500) } }).catch(() => undefined);
        };
        try {
          const body = notificationPayload(t.kind === "slack" ? "slack" : "webhook", {
            ...input,
            gameDayTitle: t.gameDay.title,
            at: new Date().toISOString(),
            link: base ? `${base}/gamedays/${input.gameDayId}/runs/${input.runId}` : null,
          });
          const res = await sendOutbound(decryptSecret(t.encryptedUrl), {
            ...network,
            purpose: "webhooks",
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": "firedrill" },
            body: JSON.stringify(body),
            timeoutMs: TIMEOUT_MS,
            maxBytes: MAX_ANSWER_BYTES,
          });
          // The status only: a webhook's answer may be anything (an internal page, a scanner's loot).
          if (res.status >= 300) return await failed(`the webhook answered HTTP ${res.status}`);
          out.results.push({ targetId: t.id, status: res.status });
          await db.runNotificationTarget.update({ where: { id: t.id }, data: { lastSentAt: new Date(), lastError: null } });
        } catch (error) {
          const outbound = outboundErrorOf(error);
          if (!outbound) console.warn(`run notification to ${t.urlHint} failed:`, error);
          await failed(outbound ? outbound.message : "it could not be sent (see the server log)");
        }
      }),
    );
  } catch (error) {
    console.warn("run notifications could not be sent:", error);
    out.errors.push({ targetId: "*", message: "Run notifications could not be loaded." });
  }
  return out;
}
