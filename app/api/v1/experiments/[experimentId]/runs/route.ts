// Serves POST: preflight and start a run of an experiment (token scope run, facilitator+).
import { z } from "zod";
import { apiJson, apiRoute, auditApi, jsonBody } from "@/app/_server/api-route";
import { runStateSchema, startRunBodySchema } from "@/lib/api/schemas";
import { runState } from "@/lib/api/run-results";
import { idSchema } from "@/lib/gameday/schemas";
import { startRun } from "@/lib/runs/runs";
import { getRunOrThrow } from "@/lib/runs/run-views";

export const POST = apiRoute({
  scope: "run",
  permission: "facilitate",
  params: z.object({ experimentId: idSchema }),
  handle: async ({ caller, params, request }) => {
    const body = await jsonBody(request, startRunBodySchema);
    const { runId } = await startRun(caller.user, params.experimentId, { overrideSteadyState: body.overrideSteadyState });
    await auditApi(caller, "api.run.started", { type: "run", id: runId }, { experimentId: params.experimentId });
    return apiJson(runStateSchema.parse(runState(await getRunOrThrow(caller.user, runId))), 201);
  },
});
