// Filing follow-ups into GitHub through the real lib code, a real SQLite
// database and a fake GitHub that validates requests against GitHub's OpenAPI
// description: a lost answer must not turn a retry into a duplicate, and a
// tracker that rejects the token or rate-limits loses nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeGitHub, GITHUB_RATE_LIMITED } from "@/e2e/trackers/fake-github";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-sync-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

const gh = fakeGitHub({ owner: "acme", repo: "shop", token: "ghp_right" });
let me: SessionUser;
let gameDayId: string;
let lib: {
  createFollowUp: typeof import("./follow-ups").createFollowUp;
  listFollowUps: typeof import("./follow-ups").listFollowUps;
  retryPendingFollowUps: typeof import("./file-findings").retryPendingFollowUps;
  saveTrackerSettings: typeof import("./tracker-settings").saveTrackerSettings;
  getTrackerSettings: typeof import("./tracker-settings").getTrackerSettings;
  refreshStatuses: typeof import("./refresh-statuses").refreshStatuses;
};
const links = { appUrl: "http://firedrill.test" };
const input = (title: string) => ({ gameDayId, title, body: "What was found", labels: "checkout" });

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  await gh.fake.start();
  // lib reads DATABASE_URL when it is first imported: import it only now.
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  lib = { ...(await import("./follow-ups")), ...(await import("./file-findings")), ...(await import("./tracker-settings")), ...(await import("./refresh-statuses")) };
  const { userId } = await provisionUser({ email: "ada@example.com", name: "Ada" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Checkout", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  await lib.saveTrackerSettings(me, { kind: "github", baseUrl: gh.fake.url, project: "acme/shop", accountEmail: "", token: "ghp_right", labels: "firedrill" });
}, 60_000);

afterAll(async () => {
  await gh.fake.stop();
  expect(gh.fake.violations).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("filing follow-ups in an external tracker", () => {
  it("keeps the token encrypted and shows only its last characters", async () => {
    const s = await lib.getTrackerSettings(me);
    expect(s).toMatchObject({ kind: "github", tokenHint: "…ight" });
    expect(JSON.stringify(s)).not.toContain("ghp_right");
    const { db } = await import("@/lib/db/client");
    const row = await db.trackerConnection.findUniqueOrThrow({ where: { teamId: me.teamId } });
    expect(row.encryptedToken).not.toContain("ghp_right");
  });

  it("creates the issue with a prefilled body, labels and a link back", async () => {
    const r = await lib.createFollowUp(me, input("Add an alert on checkout errors"), links);
    expect(r).toMatchObject({ key: "#1", failure: null });
    const issue = gh.issues[0];
    expect(issue.labels).toEqual(["firedrill", "checkout"]);
    expect(issue.body).toContain(`GameDay: Checkout`);
    expect(issue.body).toContain(`Report: http://firedrill.test/gamedays/${gameDayId}/report`);
    expect(issue.body).toContain(`Firedrill reference: firedrill-follow-up:${r.id}`);
  });

  it("does not create a duplicate when the answer to the create call was lost", async () => {
    gh.fake.fault({ operationId: "issues/create", kind: "lose-answer", status: 502 });
    const creates = gh.fake.count("issues/create");
    const first = await lib.createFollowUp(me, input("Write the checkout runbook"), links);
    expect(first.failure?.code).toBe("unavailable");
    expect(gh.issues).toHaveLength(2); // GitHub did create it
    const pending = (await lib.listFollowUps(me, gameDayId)).find((f) => f.id === first.id)!;
    expect(pending).toMatchObject({ syncState: "failed", externalKey: null });

    const retry = await lib.retryPendingFollowUps(me, gameDayId, links);
    expect(retry.errors).toEqual([]);
    expect(retry.results).toEqual([{ followUpId: first.id, title: "Write the checkout runbook", key: "#2" }]);
    expect(gh.issues).toHaveLength(2);
    expect(gh.fake.count("issues/create") - creates).toBe(1);
    // Retrying again is a no-op: nothing pending.
    expect(await lib.retryPendingFollowUps(me, gameDayId, links)).toEqual({ results: [], errors: [] });
  });

  it("keeps a follow-up whose token is rejected, and files it once the token is fixed", async () => {
    await lib.saveTrackerSettings(me, { kind: "github", baseUrl: gh.fake.url, project: "acme/shop", accountEmail: "", token: "ghp_revoked", labels: "firedrill" });
    const r = await lib.createFollowUp(me, input("Page the secondary on-call"), links);
    expect(r.failure).toMatchObject({ code: "unauthorized" });
    expect(r.failure!.message).toContain("rejected the token");
    await lib.saveTrackerSettings(me, { kind: "github", baseUrl: gh.fake.url, project: "acme/shop", accountEmail: "", token: "ghp_right", labels: "firedrill" });
    const retry = await lib.retryPendingFollowUps(me, gameDayId, links);
    expect(retry.results.map((x) => x.key)).toEqual(["#3"]);
    expect(gh.issues).toHaveLength(3);
  });

  it("reports rate limiting per ticket and files nothing twice on the later retry", async () => {
    gh.fake.fault({ operationId: "issues/create", kind: "answer", answer: GITHUB_RATE_LIMITED });
    const r = await lib.createFollowUp(me, input("Cache payment tokens"), links);
    expect(r.failure).toMatchObject({ code: "rate-limited" });
    expect(r.failure!.retryAfterSec).toBeGreaterThan(0);
    const retry = await lib.retryPendingFollowUps(me, gameDayId, links);
    expect(retry.results.map((x) => x.key)).toEqual(["#4"]);
    expect(gh.issues.map((i) => i.title)).toEqual(["Add an alert on checkout errors", "Write the checkout runbook", "Page the secondary on-call", "Cache payment tokens"]);
  });

  it("refreshes the status of external tickets from the tracker", async () => {
    Object.assign(gh.issues[0], { state: "closed", state_reason: "completed" });
    Object.assign(gh.issues[1], { state: "closed", state_reason: "not_planned" });
    const res = await lib.refreshStatuses(me, gameDayId);
    expect(res.errors).toEqual([]);
    const byKey = Object.fromEntries((await lib.listFollowUps(me, gameDayId)).map((f) => [f.externalKey, f.status]));
    expect(byKey).toEqual({ "#1": "done", "#2": "wont-fix", "#3": "open", "#4": "open" });
  });
});
