// Serves the GameDay's postmortem report as a Markdown download (also for scripts).
import { getSessionUser } from "@/app/_server/session";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { buildReport } from "@/lib/reports/build-report";
import { renderMarkdown } from "@/lib/reports/render-markdown";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to download the report." });
    const id = idSchema.safeParse((await params).id);
    if (!id.success) throw new AppError({ code: "NOT_FOUND", message: "GameDay was not found." });
    const report = await buildReport(user, id.data);
    const name = report.gameDay.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "gameday";
    return new Response(renderMarkdown(report), {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${name}-report.md"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const e = toAppError(error);
    return Response.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code) });
  }
}
