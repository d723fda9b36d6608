// Serves GET: an experiment as a Firedrill Experiment YAML document (token scope read).
import { z } from "zod";
import { apiRoute } from "@/app/_server/api-route";
import { documentsToYaml, toExperimentDocument } from "@/lib/as-code/experiment-document";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";
import { idSchema } from "@/lib/gameday/schemas";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({ experimentId: idSchema }),
  handle: async ({ caller, params, request }) => {
    const e = await getExperimentOrThrow(caller.user, params.experimentId);
    const yaml = documentsToYaml([toExperimentDocument(e)], new URL("/api/v1/schemas/experiment.json", request.url).href);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store" } });
  },
});
