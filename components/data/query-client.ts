import { QueryClient } from "@tanstack/react-query";

/** One place for stale times and retries (Headlamp's model): every query shares them. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        retry: (failures, error) => failures < 3 && !(error instanceof HttpError && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** GETs JSON from one of Firedrill's routes; non-2xx becomes an HttpError with the server's message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, (body as { message?: string } | null)?.message ?? `Request failed (${res.status})`);
  return body as T;
}

/** Query-key factory: every key of the app is built here. */
export const queryKeys = {
  run: (runId: string) => ["run", runId] as const,
  runMetrics: (runId: string) => ["run", runId, "metrics"] as const,
  board: (gameDayId: string) => ["board", gameDayId] as const,
};
