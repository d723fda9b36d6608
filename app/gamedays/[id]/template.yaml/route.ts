// Serves a GameDay as a GameDayTemplate YAML download for signed-in members (goals, failure modes, estimates, experiments; no runs, no people).
import { yamlDownload } from "@/app/_server/yaml-download";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { documentsToYaml } from "@/lib/as-code/experiment-document";
import { exportGameDayTemplate } from "@/lib/as-code/template-store";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return yamlDownload(async (user) => {
    const id = idSchema.safeParse((await params).id);
    if (!id.success) throw new AppError({ code: "NOT_FOUND", message: "GameDay was not found." });
    const doc = await exportGameDayTemplate(user, id.data);
    return { name: `${doc.metadata.title} template`, yaml: documentsToYaml([doc], new URL("/api/v1/schemas/gameday-template.json", req.url).href) };
  });
}
