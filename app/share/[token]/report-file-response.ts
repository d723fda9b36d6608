import { httpStatusFor, toAppError } from "@/lib/errors";
import type { ReportFile } from "@/lib/reports/export-report";

/** A report file as an HTTP download that is never cached (share links can be revoked). */
export function reportFileResponse(file: ReportFile): Response {
  return new Response(file.body as BodyInit, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** A failed report download as JSON; a busy PDF renderer answers 429 with Retry-After. */
export function reportErrorResponse(error: unknown, what: string): Response {
  const e = toAppError(error);
  if (e.code === "INTERNAL") console.error(`${what} failed:`, error);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (e.code === "RATE_LIMITED" && e.retryAfterSec) headers["retry-after"] = String(e.retryAfterSec);
  return Response.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code), headers });
}
