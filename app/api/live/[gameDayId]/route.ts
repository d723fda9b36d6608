// Streams a GameDay's changes to one screen as server-sent events: a `hello`
// with where the GameDay is, then a `change` per change (id = its seq), and
// `resync` when the server may have missed some. Screens refetch on each.
import { NextResponse } from "next/server";
import { getSessionUser } from "@/app/_server/session";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { openLiveFeed } from "@/lib/live/open-feed";
import { SSE_HEARTBEAT, parseLastSeen, sseFrame } from "@/lib/live/sse";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const HEARTBEAT_MS = 15_000;

export async function GET(req: Request, { params }: { params: Promise<{ gameDayId: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to follow this GameDay." });
    const id = idSchema.safeParse((await params).gameDayId);
    if (!id.success) throw new AppError({ code: "NOT_FOUND", message: "GameDay was not found." });
    const url = new URL(req.url);
    const lastSeen = parseLastSeen(req.headers.get("last-event-id"), url.searchParams.get("since"));

    const encoder = new TextEncoder();
    let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
    let closed = false;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: () => close(),
    });
    const write = (text: string) => {
      if (closed || !controller) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        close();
      }
    };
    const feed = await openLiveFeed(user, id.data, lastSeen, (m) => {
      if (m.type === "change") write(sseFrame("change", m.event, m.event.seq));
      else write(sseFrame("resync", {}));
    });
    const heartbeat = setInterval(() => write(SSE_HEARTBEAT), HEARTBEAT_MS);
    function close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      feed.close();
      try {
        controller?.close();
      } catch {
        // Already closed by the client going away.
      }
    }
    req.signal.addEventListener("abort", close);
    // The browser reconnects after 1 s when the stream drops.
    write("retry: 1000\n\n");
    write(sseFrame("hello", feed.hello, feed.hello.seq));
    feed.start();
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform keeps `next start`'s gzip from buffering the stream.
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
        connection: "keep-alive",
      },
    });
  } catch (error) {
    const e = toAppError(error);
    if (e.code === "INTERNAL") console.error("live feed failed:", error);
    return NextResponse.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code) });
  }
}
