"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, queryKeys } from "@/components/data/query-client";
import { useLive } from "@/components/live/live-provider";
import type { RunView } from "@/lib/runs/run-views";

/** While the live feed is down, a live run is polled this often instead. */
const POLL_WITHOUT_FEED_MS = 2_000;
/** With the feed up every status and timeline change arrives through it; this is only a safety net. */
const POLL_WITH_FEED_MS = 15_000;

/**
 * The run, kept current on every screen: the GameDay's live feed refetches it
 * on each change (lib/runs/engine/timeline publishes one per timeline entry);
 * while the feed is reconnecting, a live run is polled every 2 s.
 */
export function useRun(initial: RunView) {
  const feedUp = useLive()?.connection === "live";
  return useQuery({
    queryKey: queryKeys.run(initial.id),
    queryFn: () => fetchJson<RunView>(`/api/runs/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      const live = status === "preflight" || status === "running" || status === "stopping";
      if (!live) return false;
      return feedUp ? POLL_WITH_FEED_MS : POLL_WITHOUT_FEED_MS;
    },
  });
}
