// Serves POST: stop or abort a run, reverting every fault (token scope run, facilitator+).
import { z } from "zod";
import { apiJson, apiRoute, auditApi, jsonBody } from "@/app/_server/api-route";
import { runStateSchema, stopRunBodySchema } from "@/lib/api/schemas";
import { runState } from "@/lib/api/run-results";
import { idSchema } from "@/lib/gameday/schemas";
import { endRun } from "@/lib/runs/runs";
import { getRunOrThrow } from "@/lib/runs/run-views";

export const POST = apiRoute({
  scope: "run",
  permission: "facilitate",
  params: z.object({ runId: idSchema }),
  handle: async ({ caller, params, request }) => {
    const body = await jsonBody(request, stopRunBodySchema);
    await endRun(caller.user, params.runId, body.abort ? "abort" : "stop", body.reason || "Stopped through the API");
    await auditApi(caller, body.abort ? "api.run.aborted" : "api.run.stopped", { type: "run", id: params.runId }, { reason: body.reason });
    return apiJson(runStateSchema.parse(runState(await getRunOrThrow(caller.user, params.runId))));
  },
});
