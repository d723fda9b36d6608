// Serves a run's probe series, markers and computed impact as JSON, for the live charts' polling.
import { NextResponse } from "next/server";
import { getSessionUser } from "@/app/_server/session";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { getRunMetrics } from "@/lib/metrics/run-metrics";

export async function GET(_req: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to see this run." });
    const runId = idSchema.safeParse((await params).runId);
    if (!runId.success) throw new AppError({ code: "NOT_FOUND", message: "Run was not found." });
    return NextResponse.json(await getRunMetrics(user, runId.data), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const e = toAppError(error);
    return NextResponse.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code) });
  }
}
