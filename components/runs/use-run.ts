"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, queryKeys } from "@/components/data/query-client";
import type { RunView } from "@/lib/runs/run-views";

/** The run, refreshed every 2 s while it is live so every screen sees the same status and timeline. */
export function useRun(initial: RunView) {
  return useQuery({
    queryKey: queryKeys.run(initial.id),
    queryFn: () => fetchJson<RunView>(`/api/runs/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === "preflight" || status === "running" || status === "stopping" ? 2000 : false;
    },
  });
}
