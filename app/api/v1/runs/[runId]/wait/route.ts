// Serves GET: waits (up to timeoutSec) for a run to end and returns its status (token scope read).
import { z } from "zod";
import { apiJson, apiRoute } from "@/app/_server/api-route";
import { runStateSchema, waitQuerySchema } from "@/lib/api/schemas";
import { waitForRunEnd } from "@/lib/api/wait-for-run";
import { idSchema } from "@/lib/gameday/schemas";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({ runId: idSchema }),
  query: waitQuerySchema,
  handle: async ({ caller, params, query, request }) => apiJson(runStateSchema.parse(await waitForRunEnd(caller.user, params.runId, query.timeoutSec, request.signal))),
});
