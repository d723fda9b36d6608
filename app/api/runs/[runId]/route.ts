// Serves one run with its timeline as JSON, for the run page (refetched on each live change).
import { runJson } from "@/app/_server/run-json";
import { getRunOrThrow } from "@/lib/runs/run-views";

export async function GET(_req: Request, { params }: { params: Promise<{ runId: string }> }) {
  return runJson(params, getRunOrThrow);
}
