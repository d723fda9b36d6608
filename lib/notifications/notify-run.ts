import "server-only";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/secrets/encrypt";
import { notificationPayload } from "./payload";
import type { RunEvent } from "./schemas";

const TIMEOUT_MS = 5_000;

export interface NotifyOutcome {
  results: { targetId: string; status: number }[];
  errors: { targetId: string; message: string }[];
}

/**
 * Tells the GameDay's Slack/webhook targets that a run started, stopped or
 * was aborted. Never throws and never blocks a run for long: each target gets
 * one POST with a 5 s limit, failures are returned as data, logged, and kept
 * on the target (lastError) for the follow-ups page.
 */
export async function notifyRunEvent(input: { gameDayId: string; runId: string; event: RunEvent; title: string; actor: string }): Promise<NotifyOutcome> {
  const out: NotifyOutcome = { results: [], errors: [] };
  try {
    const targets = await db.runNotificationTarget.findMany({ where: { gameDayId: input.gameDayId }, include: { gameDay: { select: { title: true } } } });
    const base = (process.env.FIREDRILL_PUBLIC_URL ?? process.env.NEXTAUTH_URL)?.replace(/\/+$/, "");
    await Promise.all(
      targets.map(async (t) => {
        try {
          const body = notificationPayload(t.kind === "slack" ? "slack" : "webhook", {
            ...input,
            gameDayTitle: t.gameDay.title,
            at: new Date().toISOString(),
            link: base ? `${base}/gamedays/${input.gameDayId}/runs/${input.runId}` : null,
          });
          const res = await fetch(decryptSecret(t.encryptedUrl), {
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": "firedrill" },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          if (!res.ok) throw new Error(`the webhook answered HTTP ${res.status}`);
          out.results.push({ targetId: t.id, status: res.status });
          await db.runNotificationTarget.update({ where: { id: t.id }, data: { lastSentAt: new Date(), lastError: null } });
        } catch (error) {
          const message = `Run ${input.event} notification to ${t.urlHint} failed: ${error instanceof Error ? error.message : String(error)}`;
          out.errors.push({ targetId: t.id, message });
          console.warn(message);
          await db.runNotificationTarget.update({ where: { id: t.id }, data: { lastError: message.slice(0, 500) } }).catch(() => undefined);
        }
      }),
    );
  } catch (error) {
    console.warn("run notifications could not be sent:", error);
    out.errors.push({ targetId: "*", message: "Run notifications could not be loaded." });
  }
  return out;
}
