"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { Phase } from "@/lib/gameday/phases";
import type { LiveEvent, LiveHello } from "@/lib/live/live-event";

export type LiveConnection = "connecting" | "live" | "reconnecting";

export interface LiveState {
  connection: LiveConnection;
  /** Where the room is, as last told by the server. */
  phase: Phase;
  stepTimerEndsAt: string | null;
  /** The last change this screen has seen (data-live-seq on the page, for tests and support). */
  seq: number;
}

const LiveContext = createContext<LiveState | null>(null);

/** The GameDay's live state; null outside a GameDay. */
export function useLive(): LiveState | null {
  return useContext(LiveContext);
}

const REFRESH_COALESCE_MS = 80;
const MAX_BACKOFF_MS = 8_000;
// The server pings every 15 s; three missed pings means a half-open connection.
const SILENCE_MS = 45_000;

/**
 * Keeps this screen in step with every other screen of the GameDay: listens
 * to the server's change feed (SSE) and refetches the page and its queries on
 * each change. After a drop it reconnects with the last change it saw; the
 * server says whether it missed any and the screen refetches, so it converges
 * on the current state whatever happened meanwhile.
 */
export function LiveProvider(props: { gameDayId: string; initial: { seq: number; phase: Phase; stepTimerEndsAt: string | null }; children: ReactNode }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ connection: "connecting", ...props.initial });
  // The last change the feed itself delivered. A server re-render's seq must not
  // move it: the layout reads the seq while the page and the client queries read
  // their data concurrently, so a render showing seq n may hold data from before
  // change n. Skipping event n because of it left a screen stale until the next
  // change. The cost is one extra refetch after this screen's own actions.
  const seqRef = useRef(props.initial.seq);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let backoff = 500;
    let stopped = false;
    let silence: ReturnType<typeof setTimeout> | null = null;

    const refresh = () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        router.refresh();
        void queryClient.invalidateQueries();
      }, REFRESH_COALESCE_MS);
    };
    const heard = () => {
      if (silence) clearTimeout(silence);
      silence = setTimeout(() => {
        setState((s) => ({ ...s, connection: "reconnecting" }));
        connect();
      }, SILENCE_MS);
    };
    const connect = () => {
      if (stopped) return;
      source?.close();
      source = new EventSource(`/api/live/${props.gameDayId}?since=${seqRef.current}`);
      heard();
      source.addEventListener("ping", heard);
      source.addEventListener("hello", (e) => {
        const hello = JSON.parse((e as MessageEvent<string>).data) as LiveHello;
        heard();
        backoff = 500;
        if (hello.missed || hello.seq !== seqRef.current) refresh();
        seqRef.current = Math.max(seqRef.current, hello.seq);
        setState({ connection: "live", phase: hello.phase, stepTimerEndsAt: hello.stepTimerEndsAt, seq: seqRef.current });
      });
      source.addEventListener("change", (e) => {
        const ev = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
        heard();
        if (ev.seq <= seqRef.current) return; // covered: the feed already delivered this or a later change
        seqRef.current = ev.seq;
        setState({ connection: "live", phase: ev.phase, stepTimerEndsAt: ev.stepTimerEndsAt, seq: ev.seq });
        refresh();
      });
      source.addEventListener("resync", refresh);
      source.onerror = () => {
        setState((s) => ({ ...s, connection: "reconnecting" }));
        // The browser retries by itself unless the server answered with an error: then we do.
        if (source?.readyState === EventSource.CLOSED) scheduleReconnect();
      };
    };
    const scheduleReconnect = () => {
      if (retry || stopped) return;
      retry = setTimeout(() => {
        retry = null;
        connect();
      }, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    // The laptop lost its network: the stream is dead even if the socket has not noticed yet.
    const offline = () => {
      source?.close();
      source = null;
      if (silence) clearTimeout(silence);
      setState((s) => ({ ...s, connection: "reconnecting" }));
    };
    const online = () => {
      backoff = 500;
      connect();
    };

    connect();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      stopped = true;
      source?.close();
      for (const t of [retry, refreshTimer, silence]) if (t) clearTimeout(t);
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
    };
  }, [props.gameDayId, router, queryClient]);

  return <LiveContext.Provider value={state}>{props.children}</LiveContext.Provider>;
}
