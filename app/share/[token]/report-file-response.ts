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
