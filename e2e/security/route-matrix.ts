// The route handlers' half of the authorization matrix: every route of the
// build, how it authenticates, who may call it and a valid request against
// team A's objects. Checked against the build's route manifest.
import type { Needed } from "./action-matrix";
import { peopleExperiment, type World } from "./world";

export interface RouteRow {
  method: "GET" | "POST";
  /** A concrete path with team A's ids. */
  path: (w: World) => Promise<string> | string;
  /** public: anyone; session: the browser session's role; read/run: a personal access token of that scope; receiver: a metrics source's Alertmanager receiver token (every caller but anonymous holds team A's). */
  auth: "public" | "session" | "read" | "run" | "receiver";
  needs: Needed;
  /** It names an object of team A: a member of another team must be refused. */
  scoped: boolean;
  body?: (w: World) => string;
}

const freshExperiment = async (w: World) =>
  ((await w.asAdmin("app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `/gamedays/${w.ids.gameDayId}/experiments/new`, peopleExperiment(w.ids.gameDayId, "Route matrix"))) as { id: string }).id;
const liveRun = async (w: World) => {
  const experimentId = await freshExperiment(w);
  return ((await w.asAdmin("app/gamedays/[id]/experiments/actions.ts#startRunAction", `/gamedays/${w.ids.gameDayId}/experiments/${experimentId}`, { experimentId })) as { runId: string }).runId;
};

export const ROUTE_MATRIX: Record<string, RouteRow> = {
  "/api/auth/[...nextauth]": { method: "GET", path: () => "/api/auth/session", auth: "public", needs: "anyone", scoped: false },
  "/api/live/[gameDayId]": { method: "GET", path: (w) => `/api/live/${w.ids.gameDayId}?since=0&probe=1`, auth: "session", needs: "view", scoped: true },
  "/api/runs/[runId]": { method: "GET", path: (w) => `/api/runs/${w.ids.runId}`, auth: "session", needs: "view", scoped: true },
  "/api/runs/[runId]/metrics": { method: "GET", path: (w) => `/api/runs/${w.ids.runId}/metrics`, auth: "session", needs: "view", scoped: true },
  "/gamedays/[id]/experiments/[experimentId]/yaml": { method: "GET", path: (w) => `/gamedays/${w.ids.gameDayId}/experiments/${w.ids.experimentId}/yaml`, auth: "session", needs: "view", scoped: true },
  "/gamedays/[id]/report/[format]": { method: "GET", path: (w) => `/gamedays/${w.ids.gameDayId}/report/markdown`, auth: "session", needs: "view", scoped: true },
  "/gamedays/[id]/template.yaml": { method: "GET", path: (w) => `/gamedays/${w.ids.gameDayId}/template.yaml`, auth: "session", needs: "view", scoped: true },
  "/share/[token]/[format]": { method: "GET", path: () => "/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/markdown", auth: "public", needs: "anyone", scoped: false },
  "/api/v1/openapi.json": { method: "GET", path: () => "/api/v1/openapi.json", auth: "public", needs: "anyone", scoped: false },
  "/api/v1/schemas/experiment.json": { method: "GET", path: () => "/api/v1/schemas/experiment.json", auth: "public", needs: "anyone", scoped: false },
  "/api/v1/schemas/gameday-template.json": { method: "GET", path: () => "/api/v1/schemas/gameday-template.json", auth: "public", needs: "anyone", scoped: false },
  "/api/v1/alertmanager/webhook": { method: "POST", path: () => "/api/v1/alertmanager/webhook", auth: "receiver", needs: "view", scoped: false, body: () => JSON.stringify({ version: "4", status: "firing", receiver: "firedrill", alerts: [{ status: "firing", labels: { alertname: "RouteMatrix", severity: "page" }, startsAt: new Date().toISOString() }] }) },
  "/api/v1/clusters": { method: "GET", path: () => "/api/v1/clusters", auth: "read", needs: "view", scoped: false },
  "/api/v1/experiments/[experimentId]/document": { method: "GET", path: (w) => `/api/v1/experiments/${w.ids.experimentId}/document`, auth: "read", needs: "view", scoped: true },
  "/api/v1/experiments/[experimentId]/runs": { method: "POST", path: async (w) => `/api/v1/experiments/${await freshExperiment(w)}/runs`, auth: "run", needs: "facilitate", scoped: true },
  "/api/v1/gamedays/[gameDayId]/experiments/import": { method: "POST", path: (w) => `/api/v1/gamedays/${w.ids.gameDayId}/experiments/import?dryRun=true`, auth: "run", needs: "contribute", scoped: true, body: () => "apiVersion: firedrill.dev/v1\nkind: Experiment\nmetadata:\n  name: Route matrix import\nspec:\n  hypothesis: h\n  durationSec: 60\n  faults:\n    - kind: people-staycation\n      params:\n        person: Ken\n" },
  "/api/v1/gamedays/[gameDayId]/template": { method: "GET", path: (w) => `/api/v1/gamedays/${w.ids.gameDayId}/template`, auth: "read", needs: "view", scoped: true },
  "/api/v1/runs/[runId]": { method: "GET", path: (w) => `/api/v1/runs/${w.ids.runId}`, auth: "read", needs: "view", scoped: true },
  "/api/v1/runs/[runId]/results": { method: "GET", path: (w) => `/api/v1/runs/${w.ids.runId}/results`, auth: "read", needs: "view", scoped: true },
  "/api/v1/runs/[runId]/stop": { method: "POST", path: async (w) => `/api/v1/runs/${await liveRun(w)}/stop`, auth: "run", needs: "facilitate", scoped: true, body: () => JSON.stringify({ abort: false, reason: "route matrix" }) },
  "/api/v1/runs/[runId]/wait": { method: "GET", path: (w) => `/api/v1/runs/${w.ids.runId}/wait?timeoutSec=1`, auth: "read", needs: "view", scoped: true },
};
