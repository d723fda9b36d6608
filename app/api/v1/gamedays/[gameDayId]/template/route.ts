// Serves GET: a GameDay as a GameDayTemplate YAML document (token scope read).
import { z } from "zod";
import { apiRoute } from "@/app/_server/api-route";
import { documentsToYaml } from "@/lib/as-code/experiment-document";
import { exportGameDayTemplate } from "@/lib/as-code/template-store";
import { idSchema } from "@/lib/gameday/schemas";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({ gameDayId: idSchema }),
  handle: async ({ caller, params, request }) => {
    const doc = await exportGameDayTemplate(caller.user, params.gameDayId);
    const yaml = documentsToYaml([doc], new URL("/api/v1/schemas/gameday-template.json", request.url).href);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store" } });
  },
});
