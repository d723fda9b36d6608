// Serves GET: a run's results and verdict as JSON, or as JUnit XML with ?format=junit (token scope read).
import { z } from "zod";
import { apiJson, apiRoute } from "@/app/_server/api-route";
import { resultsQuerySchema, runResultsSchema } from "@/lib/api/schemas";
import { getRunResults } from "@/lib/api/run-results";
import { buildJUnit } from "@/lib/api/junit";
import { idSchema } from "@/lib/gameday/schemas";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({ runId: idSchema }),
  query: resultsQuerySchema,
  handle: async ({ caller, params, query }) => {
    const results = runResultsSchema.parse(await getRunResults(caller.user, params.runId));
    if (query.format === "json") return apiJson(results);
    return new Response(buildJUnit(results), { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "no-store", "x-firedrill-verdict": results.verdict } });
  },
});
