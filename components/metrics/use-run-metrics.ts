"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, queryKeys } from "@/components/data/query-client";
import type { RunMetricsView } from "@/lib/metrics/run-metrics";

/**
 * The run's probe series. Polled every second while the run is live (the
 * scrape interval of a typical lab Prometheus; the server coalesces viewers
 * so 50 screens cost one Prometheus query per probe per second), every 5 s
 * after the end until the after window is complete, then not at all.
 */
export function useRunMetrics(runId: string, live: boolean, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.runMetrics(runId),
    queryFn: () => fetchJson<RunMetricsView>(`/api/runs/${runId}/metrics`),
    staleTime: 0,
    refetchInterval: (q) => (live ? 1000 : q.state.data && q.state.data.state !== "snapshot" && !q.state.data.impact?.complete ? 5000 : false),
    refetchIntervalInBackground: true,
  });
}
