// Serves an experiment as a Firedrill Experiment YAML download for signed-in members (the editor's "Export YAML").
import { yamlDownload } from "@/app/_server/yaml-download";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { documentsToYaml, toExperimentDocument } from "@/lib/as-code/experiment-document";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";

export async function GET(req: Request, { params }: { params: Promise<{ id: string; experimentId: string }> }) {
  return yamlDownload(async (user) => {
    const p = await params;
    const id = idSchema.safeParse(p.experimentId);
    const gameDayId = idSchema.safeParse(p.id);
    if (!id.success || !gameDayId.success) throw new AppError({ code: "NOT_FOUND", message: "Experiment was not found." });
    const e = await getExperimentOrThrow(user, id.data);
    if (e.gameDayId !== gameDayId.data) throw new AppError({ code: "NOT_FOUND", message: "Experiment was not found." });
    return { name: e.title, yaml: documentsToYaml([toExperimentDocument(e)], new URL("/api/v1/schemas/experiment.json", req.url).href) };
  });
}
