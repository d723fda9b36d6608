// The people and objects the security specs act on, all made over HTTP
// through the app's own server actions: an admin, a viewer, a participant and
// a facilitator of team A (invited with links), the admin of another team B,
// an anonymous client, and team A's GameDay with its cards, experiments, a
// finished run, a cluster, a Prometheus source, a share link, a follow-up…
import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, unique } from "../support/app";
import { testbed } from "../support/testbed";
import { sqlOnAppDb } from "./app-db";
import { callAction, loadActionManifest, newClient, signInOverHttp, type ActionAnswer, type ManifestAction } from "./http";

export const CALLERS = ["anonymous", "other-team", "viewer", "participant", "facilitator", "admin"] as const;
export type CallerName = (typeof CALLERS)[number];

export interface World {
  base: string;
  callers: Record<CallerName, APIRequestContext>;
  emails: Record<CallerName, string>;
  ids: Record<string, string>;
  /** Each signed-up caller's user id (anonymous: none). */
  userIds: Partial<Record<CallerName, string>>;
  /** Each member's personal access tokens (read and run scope). */
  tokens: Record<Exclude<CallerName, "anonymous">, { read: string; run: string }>;
  /** The Alertmanager receiver token of team A's source (ids.sourceId). */
  receiverToken: string;
  /** Calls an action (by its manifest key) as admin and returns its data, failing loudly when it did not work. */
  asAdmin: (key: string, page: string, input: unknown) => Promise<unknown>;
  call: (who: CallerName, key: string, page: string, args: unknown[]) => Promise<ActionAnswer>;
}

const PASSWORD = "security suite password";

function actionByKey(actions: ManifestAction[], key: string): ManifestAction {
  const a = actions.find((x) => x.key === key);
  if (!a) throw new Error(`no server action ${key} in the build`);
  return a;
}

async function signUp(base: string, req: APIRequestContext, actions: ManifestAction[], who: { name: string; email: string; invite?: string }) {
  const r = await callAction(req, base, actionByKey(actions, "app/signup/actions.ts#signUpAction"), "/signup", [null, { name: who.name, email: who.email, password: PASSWORD, invite: who.invite ?? "" }]);
  return r;
}

/**
 * Waits (up to 3 minutes) until no run other specs started is still open: a
 * run ending by itself writes rows, which the "wrote nothing" checks would
 * blame on whatever call was being checked at that moment.
 */
async function quietDatabase(): Promise<void> {
  for (let i = 0; i < 90; i++) {
    const [row] = (await sqlOnAppDb(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" IN ('preflight', 'running', 'stopping') AND "endsAt" IS NOT NULL`)) as { n: number | string }[];
    if (Number(row.n) === 0) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Builds the world on the app at `base` (a database other specs may already have used). */
export async function buildWorld(base: string): Promise<World> {
  await quietDatabase();
  const actions = loadActionManifest();
  const anonymous = await newClient(base);
  const admin = await newClient(base);
  // The installation's admin: the first account (this server listens on loopback only), or the one other specs made.
  const first = await callAction(admin, base, actionByKey(actions, "app/signup/actions.ts#signUpAction"), "/signup", [null, { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password }]);
  expect([first.result?.ok, first.result?.code]).toContainEqual(first.result?.ok ? true : "CONFLICT");
  expect((await signInOverHttp(admin, ADMIN.email, ADMIN.password)).status).toBe(200);

  const call = async (req: APIRequestContext, key: string, page: string, args: unknown[]) => callAction(req, base, actionByKey(actions, key), page, args);
  const asAdminOn = (req: APIRequestContext) => async (key: string, page: string, input: unknown) => {
    const r = await call(req, key, page, [null, input]);
    if (!r.result?.ok) throw new Error(`${key} as admin failed: ${r.status} ${r.text.slice(0, 400)}`);
    return r.result.data;
  };
  const asAdmin = asAdminOn(admin);

  const tag = unique();
  const emails = { anonymous: "", "other-team": `other-${tag}@b.example`, viewer: `viewer-${tag}@a.example`, participant: `participant-${tag}@a.example`, facilitator: `facilitator-${tag}@a.example`, admin: ADMIN.email } as Record<CallerName, string>;
  const members: Partial<Record<CallerName, APIRequestContext>> = {};
  for (const role of ["viewer", "participant", "facilitator"] as const) {
    const { token } = (await asAdmin("app/team/actions.ts#inviteAction", "/team", { email: emails[role], role })) as { token: string };
    const req = await newClient(base);
    const r = await signUp(base, req, actions, { name: `${role} ${tag}`, email: emails[role], invite: token });
    expect(r.result?.ok, r.text).toBe(true);
    expect((await signInOverHttp(req, emails[role], PASSWORD)).status).toBe(200);
    members[role] = req;
  }
  // Team B's admin: signs up (open sign-up on loopback), then moved to a team of its own, as a second team would be.
  const other = await newClient(base);
  expect((await signUp(base, other, actions, { name: `Other ${tag}`, email: emails["other-team"] })).result?.ok).toBe(true);
  const teamB = `teamb${tag}`;
  await sqlOnAppDb(`INSERT INTO "Team" ("id", "name", "createdAt") VALUES (?, ?, ?)`, [teamB, `Team B ${tag}`, new Date().toISOString()]);
  await sqlOnAppDb(`UPDATE "Membership" SET "teamId" = ?, "role" = 'admin' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`, [teamB, emails["other-team"]]);
  expect((await signInOverHttp(other, emails["other-team"], PASSWORD)).status).toBe(200);

  // Team A's objects.
  const ids: Record<string, string> = {};
  ids.gameDayId = ((await asAdmin("app/gamedays/actions.ts#createGameDayAction", "/gamedays/new", { title: `Security ${tag}`, goals: "Prove the guards", systemUnderTest: "checkout", scheduledFor: "2026-12-24" })) as { id: string }).id;
  const gd = `/gamedays/${ids.gameDayId}`;
  ids.failureModeId = ((await asAdmin("app/gamedays/[id]/board/actions.ts#addFailureModeAction", `${gd}/board`, { gameDayId: ids.gameDayId, title: "Checkout pod dies", description: "", injectionPoint: "containers" })) as { id: string }).id;
  ids.experimentId = ((await asAdmin("app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `${gd}/experiments/new`, peopleExperiment(ids.gameDayId, "Ken is away"))) as { id: string }).id;
  ids.runExperimentId = ((await asAdmin("app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `${gd}/experiments/new`, peopleExperiment(ids.gameDayId, "Run once"))) as { id: string }).id;
  ids.runId = ((await asAdmin("app/gamedays/[id]/experiments/actions.ts#startRunAction", `${gd}/experiments/${ids.runExperimentId}`, { experimentId: ids.runExperimentId })) as { runId: string }).runId;
  await asAdmin("app/gamedays/[id]/runs/actions.ts#endRunAction", `${gd}/runs/${ids.runId}`, { runId: ids.runId, how: "stop", reason: "security suite" });
  ids.clusterId = ((await asAdmin("app/clusters/actions.ts#createClusterAction", "/clusters", { name: `Bed ${tag}`, source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })) as { id: string }).id;
  const prometheus = (JSON.parse(fs.readFileSync(testbed().firedrillKubeconfig.replace(/pki\/firedrill\.kubeconfig$/, "env.json"), "utf8")) as { prometheus: string }).prometheus;
  ids.sourceId = ((await asAdmin("app/settings/metrics/actions.ts#createSourceAction", "/settings/metrics", { name: `Prometheus ${tag}`, url: prometheus, clusterId: ids.clusterId })) as { id: string }).id;
  const receiverToken = ((await asAdmin("app/settings/metrics/actions.ts#rotateReceiverTokenAction", "/settings/metrics", { sourceId: ids.sourceId })) as { token: string }).token;
  ids.shareId = ((await asAdmin("app/gamedays/[id]/report/actions.ts#createShareLinkAction", `${gd}/report`, { gameDayId: ids.gameDayId, expiresInDays: 7 })) as { id: string }).id;
  ids.libraryId = ((await asAdmin("app/gamedays/[id]/experiments/actions.ts#saveToLibraryAction", `${gd}/experiments/${ids.experimentId}`, { experimentId: ids.experimentId, description: "" })) as { id: string }).id;
  ids.tokenId = ((await asAdmin("app/settings/tokens/actions.ts#createTokenAction", "/settings/tokens", { name: `Admin ${tag}`, scope: "read", expiresInDays: 1 })) as { id: string }).id;
  const followUp = (await asAdmin("app/gamedays/[id]/follow-ups/actions.ts#createFollowUpAction", `${gd}/follow-ups`, { gameDayId: ids.gameDayId, title: "Alert on checkout errors", body: "", labels: "" })) as { followUpId?: string; id?: string };
  ids.followUpId = followUp.followUpId ?? followUp.id ?? "";
  ids.targetId = ((await asAdmin("app/gamedays/[id]/follow-ups/notification-actions.ts#addNotificationTargetAction", `${gd}/follow-ups`, { gameDayId: ids.gameDayId, kind: "webhook", url: "https://hooks.example.com/firedrill" })) as { id: string }).id;
  await asAdmin("app/gamedays/actions.ts#addParticipantAction", gd, { gameDayId: ids.gameDayId, name: "Pat", email: `pat-${tag}@a.example` });
  ids.participantId = ((await sqlOnAppDb(`SELECT "id" FROM "GameDayParticipant" WHERE "gameDayId" = ? LIMIT 1`, [ids.gameDayId]))[0] as { id: string }).id;
  ids.viewerMembershipId = ((await sqlOnAppDb(`SELECT m."id" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = ?`, [emails.viewer]))[0] as { id: string }).id;
  const inv = (await asAdmin("app/team/actions.ts#inviteAction", "/team", { email: `pending-${tag}@a.example`, role: "viewer" })) as { token: string };
  ids.inviteToken = inv.token;
  ids.invitationId = ((await sqlOnAppDb(`SELECT "id" FROM "Invitation" WHERE "email" = ?`, [`pending-${tag}@a.example`]))[0] as { id: string }).id;
  if (!ids.followUpId) ids.followUpId = ((await sqlOnAppDb(`SELECT "id" FROM "FollowUp" WHERE "gameDayId" = ? LIMIT 1`, [ids.gameDayId]))[0] as { id: string }).id;

  const callers = { anonymous, admin, "other-team": other, viewer: members.viewer!, participant: members.participant!, facilitator: members.facilitator! } as Record<CallerName, APIRequestContext>;
  const tokens = {} as World["tokens"];
  for (const who of CALLERS.filter((c) => c !== "anonymous")) {
    const made = async (scope: string) => ((await asAdminOn(callers[who])("app/settings/tokens/actions.ts#createTokenAction", "/settings/tokens", { name: `${who} ${scope}`, scope, expiresInDays: 1 })) as { token: string }).token;
    tokens[who] = { read: await made("read"), run: await made("run") };
  }
  const userIds: World["userIds"] = {};
  for (const who of CALLERS.filter((c) => c !== "anonymous")) userIds[who] = ((await sqlOnAppDb(`SELECT "id" FROM "User" WHERE "email" = ?`, [emails[who]]))[0] as { id: string }).id;
  return { base, callers, emails, ids, userIds, tokens, receiverToken, asAdmin, call: (who, key, page, args) => call(callers[who], key, page, args) };
}

/**
 * A people experiment: runnable without a cluster, so runs start and stop in a
 * moment. An hour long, so no run the suite leaves open ends by itself while a
 * later call is being checked for writes (its end would write Run rows).
 */
export function peopleExperiment(gameDayId: string, title: string) {
  return { gameDayId, title, hypothesis: "We cope", durationSec: 3600, faults: [{ kind: "people-staycation", params: { person: "Ken" } }], failureModeIds: [], steadyState: [], abortConditions: [], rollbackNotes: "" };
}

/** Ends the runs the world left open (so later specs start quiet), then closes every client. */
export async function disposeWorld(w: World): Promise<void> {
  await w.asAdmin("app/gamedays/[id]/runs/actions.ts#stopGameDayAction", `/gamedays/${w.ids.gameDayId}/runs`, { gameDayId: w.ids.gameDayId }).catch((e: unknown) => console.warn("security world: stopping its runs failed:", e));
  await Promise.all(Object.values(w.callers).map((c) => c.dispose()));
}

/**
 * The setup every security spec shares: its tests run in order on one world,
 * built before them (after up to 3 minutes waiting for other specs' runs to
 * end) and disposed after; `use` receives the world.
 */
export function securityWorld(use: (w: World) => void): void {
  let built: World | undefined;
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(420_000);
    built = await buildWorld(baseURL!);
    use(built);
  });
  test.afterAll(async () => {
    if (built) await disposeWorld(built);
  });
}
