// Serves a run's probe series, markers and computed impact as JSON, for the live charts' polling.
import { runJson } from "@/app/_server/run-json";
import { getRunMetrics } from "@/lib/metrics/run-metrics";

export async function GET(_req: Request, { params }: { params: Promise<{ runId: string }> }) {
  return runJson(params, getRunMetrics);
}
