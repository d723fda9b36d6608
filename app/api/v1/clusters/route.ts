// Serves GET: the team's cluster connections (id and name only), to pick one for imports (token scope read).
import { z } from "zod";
import { apiJson, apiRoute } from "@/app/_server/api-route";
import { listConnections } from "@/lib/k8s/connections";

export const GET = apiRoute({
  scope: "read",
  permission: "view",
  params: z.object({}),
  handle: async ({ caller }) => apiJson((await listConnections(caller.user)).map((c) => ({ id: c.id, name: c.name }))),
});
