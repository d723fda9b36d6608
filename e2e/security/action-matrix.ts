// The authorization matrix: every server action, who may call it, and a valid
// call against team A's objects. The spec checks this list against the build's
// manifest and the sources, so an action added without its row fails, and
// calls every action as every caller over HTTP.
import { sqlOnAppDb } from "./app-db";
import { peopleExperiment, type CallerName, type World } from "./world";

export type Needed = "anyone" | "view" | "contribute" | "facilitate" | "administer";

export interface ActionRow {
  /** The least permission that may call it (lib/auth/roles.ts); "anyone" for sign-up. */
  needs: Needed;
  /** A page whose bundle holds the action. */
  page: (w: World) => string;
  /** The arguments of a valid call by `who` (previous state, input); may make a fresh object to act on. */
  args: (w: World, who: CallerName) => Promise<unknown[]> | unknown[];
  /** It acts on an object of team A: a member of another team must be refused it. */
  scoped: boolean;
}

const gd = (w: World) => `/gamedays/${w.ids.gameDayId}`;
const input = (f: (w: World, who: CallerName) => Promise<Record<string, unknown>> | Record<string, unknown>) => async (w: World, who: CallerName) => [null, await f(w, who)];

// Fresh objects for actions that destroy or change what they act on, so every caller gets a real target.
const freshCard = async (w: World) => ((await w.asAdmin("app/gamedays/[id]/board/actions.ts#addFailureModeAction", `${gd(w)}/board`, { gameDayId: w.ids.gameDayId, title: "Fresh card", description: "", injectionPoint: "network" })) as { id: string }).id;
// Cards and library entries may be changed by their author or a facilitator: the
// caller's own fresh one, so the row tests the action's role check, not authorship.
const ownedBy = async (w: World, who: CallerName, table: string, column: string, id: string) => {
  if (w.userIds[who]) await sqlOnAppDb(`UPDATE "${table}" SET "${column}" = ? WHERE "id" = ?`, [w.userIds[who], id]);
  return id;
};
const freshLibraryEntry = async (w: World) => ((await w.asAdmin("app/gamedays/[id]/experiments/actions.ts#saveToLibraryAction", `${gd(w)}/experiments/${w.ids.experimentId}`, { experimentId: w.ids.experimentId, description: "" })) as { id: string }).id;
const freshExperiment = async (w: World) => ((await w.asAdmin("app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `${gd(w)}/experiments/new`, peopleExperiment(w.ids.gameDayId, "Fresh experiment"))) as { id: string }).id;
const freshRun = async (w: World) => {
  const experimentId = await freshExperiment(w);
  return ((await w.asAdmin("app/gamedays/[id]/experiments/actions.ts#startRunAction", `${gd(w)}/experiments/${experimentId}`, { experimentId })) as { runId: string }).runId;
};

const freshInviteSignUp = async (w: World) => {
  const email = `someone-${Math.random().toString(36).slice(2)}@a.example`;
  const { token } = (await w.asAdmin("app/team/actions.ts#inviteAction", "/team", { email, role: "viewer" })) as { token: string };
  return [null, { name: "Someone", email, password: "ten chars or more", invite: token }];
};

export const ACTION_MATRIX: Record<string, ActionRow> = {
  // With a fresh invitation each time: sign-ups without one are rate limited per address, and every caller here shares 127.0.0.1.
  "app/signup/actions.ts#signUpAction": { needs: "anyone", page: () => "/signup", args: freshInviteSignUp, scoped: false },
  "app/signup/sso-invite-action.ts#rememberSsoInviteAction": { needs: "anyone", page: () => "/signup", args: (w) => [w.ids.inviteToken], scoped: false },

  "app/team/actions.ts#inviteAction": { needs: "administer", page: () => "/team", args: input(() => ({ email: `inv-${Math.random().toString(36).slice(2)}@a.example`, role: "admin" })), scoped: false },
  "app/team/actions.ts#setRoleAction": { needs: "administer", page: () => "/team", args: input((w) => ({ membershipId: w.ids.viewerMembershipId, role: "viewer" })), scoped: true },
  "app/team/actions.ts#revokeInviteAction": { needs: "administer", page: () => "/team", args: input((w) => ({ invitationId: w.ids.invitationId })), scoped: true },

  "app/gamedays/actions.ts#createGameDayAction": { needs: "facilitate", page: () => "/gamedays/new", args: input(() => ({ title: "Another GameDay", goals: "g", systemUnderTest: "s", scheduledFor: "2026-12-25" })), scoped: false },
  "app/gamedays/actions.ts#updateGameDayAction": { needs: "facilitate", page: gd, args: input((w) => ({ gameDayId: w.ids.gameDayId, title: "Security suite", goals: "Prove the guards", systemUnderTest: "checkout", scheduledFor: "2026-12-24" })), scoped: true },
  "app/gamedays/actions.ts#setPhaseAction": { needs: "facilitate", page: gd, args: input((w) => ({ gameDayId: w.ids.gameDayId, phase: "brainstorm" })), scoped: true },
  "app/gamedays/actions.ts#addParticipantAction": { needs: "facilitate", page: gd, args: input((w) => ({ gameDayId: w.ids.gameDayId, name: "Sam", email: `sam-${Math.random().toString(36).slice(2)}@a.example` })), scoped: true },
  "app/gamedays/actions.ts#removeParticipantAction": { needs: "facilitate", page: gd, args: input((w) => ({ gameDayId: w.ids.gameDayId, participantId: w.ids.participantId })), scoped: true },
  "app/gamedays/actions.ts#createFromTemplateAction": { needs: "facilitate", page: () => "/gamedays/from-template", args: input(() => ({ text: "apiVersion: firedrill.dev/v1\nkind: GameDayTemplate\nmetadata:\n  name: Empty\nspec:\n  goals: g\n  systemUnderTest: s\n", scheduledFor: "2026-12-26" })), scoped: false },

  "app/gamedays/[id]/board/actions.ts#addFailureModeAction": { needs: "contribute", page: (w) => `${gd(w)}/board`, args: input((w) => ({ gameDayId: w.ids.gameDayId, title: "Another card", description: "", injectionPoint: "people" })), scoped: true },
  "app/gamedays/[id]/board/actions.ts#updateFailureModeAction": { needs: "contribute", page: (w) => `${gd(w)}/board`, args: input((w) => ({ failureModeId: w.ids.failureModeId, title: "Checkout pod dies", description: "edited", injectionPoint: "containers" })), scoped: true },
  "app/gamedays/[id]/board/actions.ts#deleteFailureModeAction": { needs: "contribute", page: (w) => `${gd(w)}/board`, args: input(async (w, who) => ({ failureModeId: await ownedBy(w, who, "FailureMode", "authorId", await freshCard(w)) })), scoped: true },
  "app/gamedays/[id]/board/actions.ts#toggleVoteAction": { needs: "contribute", page: (w) => `${gd(w)}/board`, args: input((w) => ({ failureModeId: w.ids.failureModeId })), scoped: true },
  "app/gamedays/[id]/estimates/actions.ts#saveEstimateAction": { needs: "contribute", page: (w) => `${gd(w)}/estimates`, args: input((w) => ({ failureModeId: w.ids.failureModeId, hypothesis: "Errors stay under 1%", severity: 2, userImpact: "degraded", alertExpected: false, timeToDetectMin: "", timeToRecoverMin: "", fleetSize: "", mtbfDays: "" })), scoped: true },

  "app/gamedays/[id]/experiments/actions.ts#saveExperimentAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/new`, args: input((w) => peopleExperiment(w.ids.gameDayId, "Saved by the matrix")), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#deleteExperimentAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/import`, args: input(async (w) => ({ experimentId: await freshExperiment(w) })), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#startRunAction": { needs: "facilitate", page: (w) => `${gd(w)}/experiments/import`, args: input(async (w) => ({ experimentId: await freshExperiment(w) })), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#previewExperimentAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/import`, args: input((w) => peopleExperiment(w.ids.gameDayId, "Previewed")), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#previewImportAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/import`, args: input((w) => ({ gameDayId: w.ids.gameDayId, text: importDoc, clusterId: w.ids.clusterId })), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#importExperimentsAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/import`, args: input((w) => ({ gameDayId: w.ids.gameDayId, text: importDoc, clusterId: w.ids.clusterId })), scoped: true },
  "app/gamedays/[id]/experiments/actions.ts#saveToLibraryAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments/import`, args: input((w) => ({ experimentId: w.ids.experimentId, description: "" })), scoped: true },
  // The caller's own guess for the next run of an experiment nobody started (the world's run is of another).
  "app/gamedays/[id]/experiments/guess-actions.ts#saveGuessAction": { needs: "contribute", page: (w) => `${gd(w)}/experiments`, args: input((w) => ({ experimentId: w.ids.experimentId, timeToDetectMin: "2", timeToRecoverMin: "10", willPage: "yes" })), scoped: true },

  "app/gamedays/[id]/runs/actions.ts#endRunAction": { needs: "facilitate", page: (w) => `${gd(w)}/runs/${w.ids.runId}`, args: input(async (w) => ({ runId: await freshRun(w), how: "stop", reason: "matrix" })), scoped: true },
  "app/gamedays/[id]/runs/actions.ts#goOnAfterFaultFailureAction": { needs: "facilitate", page: (w) => `${gd(w)}/runs/${w.ids.runId}`, args: input(async (w) => ({ runId: await freshRun(w) })), scoped: true },
  "app/gamedays/[id]/runs/actions.ts#addObservationAction": { needs: "contribute", page: (w) => `${gd(w)}/runs/${w.ids.runId}`, args: input((w) => ({ runId: w.ids.runId, message: "Ken's pager stayed quiet" })), scoped: true },
  "app/gamedays/[id]/runs/actions.ts#saveMeasuredAction": { needs: "contribute", page: (w) => `${gd(w)}/runs/${w.ids.runId}`, args: input((w) => ({ runId: w.ids.runId, severity: 2, userImpact: "none", alertFired: false, timeToDetectMin: "", timeToRecoverMin: "", hypothesisHeld: "held", notes: "" })), scoped: true },
  "app/gamedays/[id]/runs/actions.ts#stopGameDayAction": { needs: "facilitate", page: (w) => `${gd(w)}/runs/${w.ids.runId}`, args: input((w) => ({ gameDayId: w.ids.gameDayId })), scoped: true },

  "app/gamedays/[id]/present/actions.ts#setStepTimerAction": { needs: "facilitate", page: (w) => `${gd(w)}/present`, args: input((w) => ({ gameDayId: w.ids.gameDayId, minutes: 5 })), scoped: true },
  "app/gamedays/[id]/report/actions.ts#createShareLinkAction": { needs: "facilitate", page: (w) => `${gd(w)}/report`, args: input((w) => ({ gameDayId: w.ids.gameDayId, expiresInDays: 1 })), scoped: true },
  "app/gamedays/[id]/report/actions.ts#revokeShareLinkAction": { needs: "facilitate", page: (w) => `${gd(w)}/report`, args: input((w) => ({ shareId: w.ids.shareId })), scoped: true },

  "app/gamedays/[id]/follow-ups/actions.ts#createFollowUpAction": { needs: "contribute", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ gameDayId: w.ids.gameDayId, title: "Matrix follow-up", body: "", labels: "" })), scoped: true },
  "app/gamedays/[id]/follow-ups/actions.ts#fileFindingsAction": { needs: "contribute", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ gameDayId: w.ids.gameDayId, items: [{ findingKey: `fm:${w.ids.failureModeId}`, title: "Finding" }], labels: "" })), scoped: true },
  "app/gamedays/[id]/follow-ups/actions.ts#retryFollowUpsAction": { needs: "contribute", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ gameDayId: w.ids.gameDayId })), scoped: true },
  "app/gamedays/[id]/follow-ups/actions.ts#refreshStatusesAction": { needs: "view", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ gameDayId: w.ids.gameDayId })), scoped: true },
  "app/gamedays/[id]/follow-ups/actions.ts#setFollowUpStatusAction": { needs: "contribute", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ followUpId: w.ids.followUpId, status: "in-progress" })), scoped: true },
  "app/gamedays/[id]/follow-ups/notification-actions.ts#addNotificationTargetAction": { needs: "facilitate", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ gameDayId: w.ids.gameDayId, kind: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXX" })), scoped: true },
  "app/gamedays/[id]/follow-ups/notification-actions.ts#removeNotificationTargetAction": { needs: "facilitate", page: (w) => `${gd(w)}/follow-ups`, args: input((w) => ({ targetId: w.ids.targetId })), scoped: true },

  "app/gamedays/[id]/library/actions.ts#addFromLibraryAction": { needs: "contribute", page: (w) => `${gd(w)}/library`, args: input((w) => ({ gameDayId: w.ids.gameDayId, entryId: `team:${w.ids.libraryId}` })), scoped: true },
  "app/gamedays/[id]/library/actions.ts#deleteLibraryEntryAction": { needs: "contribute", page: (w) => `${gd(w)}/library`, args: input(async (w, who) => ({ libraryId: await ownedBy(w, who, "LibraryExperiment", "createdById", await freshLibraryEntry(w)) })), scoped: true },

  "app/clusters/actions.ts#createClusterAction": { needs: "administer", page: () => "/clusters", args: input(() => ({ name: "Matrix cluster", source: "kubeconfig", kubeconfig: inlineKubeconfig, context: "" })), scoped: false },
  "app/clusters/actions.ts#testClusterAction": { needs: "facilitate", page: () => "/clusters", args: input((w) => ({ clusterId: w.ids.clusterId, namespace: "" })), scoped: true },
  "app/clusters/actions.ts#saveGuardrailsAction": { needs: "administer", page: () => "/clusters", args: input((w) => ({ clusterId: w.ids.clusterId, allowedNamespaces: "", protectedNamespaces: "kube-system", protectedLabels: "firedrill.dev/protected=true", maxTargets: 10, maxDurationSec: 3600 })), scoped: true },
  "app/clusters/actions.ts#deleteClusterAction": { needs: "administer", page: () => "/clusters", args: input(async (w) => ({ clusterId: ((await w.asAdmin("app/clusters/actions.ts#createClusterAction", "/clusters", { name: "Doomed", source: "kubeconfig", kubeconfig: inlineKubeconfig, context: "" })) as { id: string }).id })), scoped: true },
  "app/clusters/actions.ts#stopClusterAction": { needs: "facilitate", page: () => "/clusters", args: input((w) => ({ clusterId: w.ids.clusterId })), scoped: true },

  "app/settings/metrics/actions.ts#createSourceAction": { needs: "administer", page: () => "/settings/metrics", args: input(() => ({ name: "Matrix source", url: "https://prometheus.example.com" })), scoped: false },
  "app/settings/metrics/actions.ts#deleteSourceAction": { needs: "administer", page: () => "/settings/metrics", args: input(async (w) => ({ sourceId: ((await w.asAdmin("app/settings/metrics/actions.ts#createSourceAction", "/settings/metrics", { name: "Doomed source", url: "https://prometheus.example.com" })) as { id: string }).id })), scoped: true },
  "app/settings/metrics/actions.ts#rotateReceiverTokenAction": { needs: "administer", page: () => "/settings/metrics", args: input(async (w) => ({ sourceId: ((await w.asAdmin("app/settings/metrics/actions.ts#createSourceAction", "/settings/metrics", { name: "Receiver source", url: "https://prometheus.example.com" })) as { id: string }).id })), scoped: true },
  "app/settings/metrics/actions.ts#revokeReceiverTokenAction": { needs: "administer", page: () => "/settings/metrics", args: input(async (w) => ({ sourceId: ((await w.asAdmin("app/settings/metrics/actions.ts#createSourceAction", "/settings/metrics", { name: "Receiver source", url: "https://prometheus.example.com" })) as { id: string }).id })), scoped: true },
  "app/settings/metrics/actions.ts#testSourceAction": { needs: "facilitate", page: () => "/settings/metrics", args: input((w) => ({ sourceId: w.ids.sourceId })), scoped: true },
  "app/settings/tokens/actions.ts#createTokenAction": { needs: "view", page: () => "/settings/tokens", args: input(() => ({ name: "Matrix token", scope: "read", expiresInDays: 1 })), scoped: false },
  "app/settings/tokens/actions.ts#revokeTokenAction": { needs: "view", page: () => "/settings/tokens", args: input((w) => ({ tokenId: w.ids.tokenId })), scoped: true },
  "app/settings/trackers/actions.ts#saveTrackerSettingsAction": { needs: "administer", page: () => "/settings/trackers", args: input(() => ({ kind: "builtin", baseUrl: "", project: "", accountEmail: "", token: "", labels: "firedrill" })), scoped: false },
};

const importDoc = `apiVersion: firedrill.dev/v1
kind: Experiment
metadata:
  name: Imported by the matrix
spec:
  hypothesis: We cope
  durationSec: 60
  faults:
    - kind: people-staycation
      params:
        person: Ken
`;

// A kubeconfig with inline credentials only, for a server nobody listens on.
const inlineKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: nowhere
  context: {cluster: nowhere, user: someone}
current-context: nowhere
users:
- name: someone
  user: {token: not-a-real-token}
`;
