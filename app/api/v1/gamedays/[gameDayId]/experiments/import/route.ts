// Serves POST: imports experiments (Firedrill YAML or another tool's documents) into a GameDay, all or nothing (token scope run, participant+).
import { z } from "zod";
import { apiJson, apiRoute, auditApi, textBody } from "@/app/_server/api-route";
import { importQuerySchema, importResultSchema } from "@/lib/api/schemas";
import { ImportRefused, importExperiments, previewImport } from "@/lib/as-code/save-imported";
import { idSchema } from "@/lib/gameday/schemas";

const MAX_BODY = 512 * 1024;

const result = (plan: Awaited<ReturnType<typeof previewImport>>, created: { id: string; title: string }[]) =>
  importResultSchema.parse({ created, tools: plan.tools, unmapped: plan.unmapped, notes: plan.experiments.map((e) => ({ title: e.title, notes: e.notes })) });

export const POST = apiRoute({
  scope: "run",
  permission: "contribute",
  params: z.object({ gameDayId: idSchema }),
  query: importQuerySchema,
  handle: async ({ caller, params, query, request }) => {
    const text = await textBody(request, MAX_BODY);
    const clusterId = query.clusterId || undefined;
    if (query.dryRun === "true") {
      const plan = await previewImport(caller.user, params.gameDayId, text, clusterId);
      if (!plan.ok) throw new ImportRefused(plan, "This import would fail: fix the problems listed (each with its line).");
      return apiJson(result(plan, []));
    }
    const { created, plan } = await importExperiments(caller.user, params.gameDayId, text, clusterId);
    await auditApi(caller, "api.experiments.imported", { type: "gameday", id: params.gameDayId }, { experiments: created.map((c) => c.id) });
    return apiJson(result(plan, created), 201);
  },
});
