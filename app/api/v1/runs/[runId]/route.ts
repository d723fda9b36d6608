// Serves GET: a run's status (token scope read).
import { z } from "zod";
import { apiJson, apiRoute } from "@/app/_server/api-route";
import { runStateSchema } from "@/lib/api/schemas";
import { runState } from "@/lib/api/run-results";
import { idSchema } from "@/lib/gameday/schemas";
import { getRunOrThrow } from "@/lib/runs/run-views";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({ runId: idSchema }),
  handle: async ({ caller, params }) => apiJson(runStateSchema.parse(runState(await getRunOrThrow(caller.user, params.runId)))),
});
