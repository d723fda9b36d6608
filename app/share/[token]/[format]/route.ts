// Serves a shared report as a download without an account: /share/:token/pdf|markdown|html (read-only, expiring, revocable).
import { AppError } from "@/lib/errors";
import { buildSharedReport } from "@/lib/reports/share-links";
import { exportReport } from "@/lib/reports/export-report";
import { reportFormatSchema } from "@/lib/reports/schemas";
import { reportErrorResponse, reportFileResponse } from "../report-file-response";

export async function GET(_req: Request, { params }: { params: Promise<{ token: string; format: string }> }) {
  try {
    const p = await params;
    const format = reportFormatSchema.safeParse(p.format);
    if (!format.success) throw new AppError({ code: "NOT_FOUND", message: "No such format (pdf, markdown, html)." });
    return reportFileResponse(await exportReport(await buildSharedReport(p.token), format.data));
  } catch (error) {
    return reportErrorResponse(error, "shared report export");
  }
}
