/**
 * Server-sent events framing (text/event-stream). Data is JSON on one line,
 * so no payload can end the frame early.
 */
export function sseFrame(event: string, data: unknown, id?: number): string {
  const lines = [`event: ${event}`];
  if (id !== undefined) lines.push(`id: ${id}`);
  lines.push(`data: ${JSON.stringify(data)}`);
  return lines.join("\n") + "\n\n";
}

/**
 * Sent every few seconds on an idle stream: keeps proxies from closing it, and
 * is an event (not a comment) so the screen notices a stream gone silent.
 */
export const SSE_HEARTBEAT = "event: ping\ndata: {}\n\n";

/**
 * The last seq a reconnecting screen saw: the browser's Last-Event-ID header
 * (automatic reconnects) or `?since=` (a fresh EventSource after a hard drop).
 * Anything unreadable counts as "unknown".
 */
export function parseLastSeen(header: string | null, since: string | null): number | null {
  for (const raw of [header, since]) {
    if (raw && /^\d{1,12}$/.test(raw.trim())) return Number(raw.trim());
  }
  return null;
}
