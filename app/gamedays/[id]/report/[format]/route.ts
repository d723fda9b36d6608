// Serves a GameDay's postmortem report as a download: /gamedays/:id/report/pdf|markdown|html (signed-in members; also for scripts with a session cookie).
import { getSessionUser } from "@/app/_server/session";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { buildReport } from "@/lib/reports/build-report";
import { exportReport } from "@/lib/reports/export-report";
import { reportFormatSchema } from "@/lib/reports/schemas";
import { reportErrorResponse, reportFileResponse } from "@/app/share/[token]/report-file-response";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to download the report, or use a share link." });
    const p = await params;
    const id = idSchema.safeParse(p.id);
    const format = reportFormatSchema.safeParse(p.format);
    if (!id.success || !format.success) throw new AppError({ code: "NOT_FOUND", message: "No such report or format (pdf, markdown, html)." });
    return reportFileResponse(await exportReport(await buildReport(user, id.data), format.data));
  } catch (error) {
    return reportErrorResponse(error, "report export");
  }
}
