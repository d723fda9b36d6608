import "server-only";
import { NextResponse } from "next/server";
import { getSessionUser } from "@/app/_server/session";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import type { SessionUser } from "@/lib/auth/session-user";

/**
 * A run's JSON for the run page's queries: signed in, a well-formed id (else
 * 404), one lib loader (which checks the team), never cached; every failure
 * as `{ code, message }` with its HTTP status.
 */
export async function runJson(params: Promise<{ runId: string }>, load: (user: SessionUser, runId: string) => Promise<unknown>): Promise<NextResponse> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to see this run." });
    const runId = idSchema.safeParse((await params).runId);
    if (!runId.success) throw new AppError({ code: "NOT_FOUND", message: "Run was not found." });
    return NextResponse.json(await load(user, runId.data), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const e = toAppError(error);
    return NextResponse.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code) });
  }
}
