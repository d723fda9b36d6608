// An admin (or whoever holds an admin's session) trying to send the team's
// stored tracker token somewhere else, on a real SQLite database: by
// changing the API address or the Jira account while leaving the token blank
// ("keep the stored one"), by plain http, or by a tracker that redirects.
// The token must stay bound to the tracker, address and account it was
// entered for, and never travel over http:// to a destination the operator
// did not list.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { answerWith, redirectTo, startLocalServer, type LocalServer } from "@/lib/outbound/hostile-servers.test-support";
import type { TrackerSettingsInput } from "./schemas";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-tracker-token-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 3).toString("base64");

const ALLOW = "FIREDRILL_OUTBOUND_ALLOW";
const allowedBefore = process.env[ALLOW];
const TOKEN = "ghp_the_real_token_1234";
const A = "https://api.github.com";
const settings = (over: Partial<TrackerSettingsInput> = {}): TrackerSettingsInput => ({ kind: "github", baseUrl: A, project: "acme/shop", accountEmail: "", token: "", labels: "firedrill", ...over });
const ticket = { title: "Add an alert", body: "What was found", labels: [], marker: "firedrill-follow-up:test" };

let me: SessionUser;
let lib: typeof import("./tracker-settings");
const servers: LocalServer[] = [];
async function start(...args: Parameters<typeof startLocalServer>) {
  const s = await startLocalServer(...args);
  servers.push(s);
  return s;
}

async function stored() {
  const { db } = await import("@/lib/db/client");
  return db.trackerConnection.findUnique({ where: { teamId: me.teamId } });
}

/** The AppError a call threw, or null when it did not throw. */
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; fieldErrors?: Record<string, string> }) => e,
  );

/** Whether any request a server received carried the token (as itself, or inside Basic credentials). */
const carriedToken = (s: LocalServer, token: string) =>
  s.requests.some((r) => {
    const auth = String(r.headers.authorization ?? r.headers["private-token"] ?? "");
    const basic = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString() : "";
    return `${JSON.stringify(r.headers)} ${basic}`.includes(token);
  });

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  lib = await import("./tracker-settings");
  const { userId } = await provisionUser({ email: "ada@example.com", name: "Ada" });
  me = (await loadSessionUser(userId))!;
}, 60_000);

beforeEach(async () => {
  delete process.env[ALLOW]; // the operator listed nothing
  await lib.saveTrackerSettings(me, { ...settings(), kind: "builtin" });
});

afterEach(async () => {
  if (allowedBefore === undefined) delete process.env[ALLOW];
  else process.env[ALLOW] = allowedBefore;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a stored token stays bound to where it was entered for", () => {
  it("a new API address with the token left blank is refused, and nothing stored changes", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    const before = await stored();
    for (const baseUrl of ["https://github.attacker.example/api/v3", "https://api.github.com.attacker.example", "https://api.github.com:8443", "https://api.github.com/evil-proxy"]) {
      const e = await thrown(lib.saveTrackerSettings(me, settings({ baseUrl })));
      expect(e?.code, baseUrl).toBe("BAD_INPUT");
      expect(e?.fieldErrors?.token, baseUrl).toMatch(/enter the API token again/);
    }
    expect(await stored()).toEqual(before);
  });

  it("the same address (spelled differently) with the token left blank keeps the token", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    const before = (await stored())!;
    await lib.saveTrackerSettings(me, settings({ baseUrl: "https://API.github.com:443/", project: "acme/payments" }));
    const after = (await stored())!;
    expect(after).toMatchObject({ encryptedToken: before.encryptedToken, tokenHint: "…1234", project: "acme/payments" });
  });

  it("a new address with a new token is saved, and the old token is gone", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    const before = (await stored())!;
    await lib.saveTrackerSettings(me, settings({ baseUrl: "https://github.corp.example/api/v3", token: "ghp_enterprise_9999" }));
    const after = (await stored())!;
    expect(after.encryptedToken).not.toBe(before.encryptedToken);
    expect(after).toMatchObject({ baseUrl: "https://github.corp.example/api/v3", tokenHint: "…9999" });
  });

  it("another tracker kind with the token left blank is refused", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    const before = await stored();
    const e = await thrown(lib.saveTrackerSettings(me, settings({ kind: "gitlab", baseUrl: "https://gitlab.com" })));
    expect(e?.fieldErrors?.token).toBeTruthy();
    expect(await stored()).toEqual(before);
  });

  it("Jira: another account email with the token left blank is refused", async () => {
    const jira = (accountEmail: string, token = "") => settings({ kind: "jira", baseUrl: "https://acme.atlassian.net", project: "OPS", accountEmail, token });
    await lib.saveTrackerSettings(me, jira("bot@acme.example", "jira_token_5678"));
    const before = await stored();
    const e = await thrown(lib.saveTrackerSettings(me, jira("mallory@evil.example")));
    expect(e?.fieldErrors?.token).toMatch(/account email/);
    expect(await stored()).toEqual(before);
    await lib.saveTrackerSettings(me, jira("BOT@acme.example")); // the same account
    expect((await stored())!.encryptedToken).toBe(before!.encryptedToken);
  });

  it("switching to the built-in tracker removes the token; switching back needs it again", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    await lib.saveTrackerSettings(me, settings({ kind: "builtin" }));
    expect(await stored()).toBeNull();
    const e = await thrown(lib.saveTrackerSettings(me, settings()));
    expect(e?.fieldErrors?.token).toBeTruthy();
    expect(await stored()).toBeNull();
  });
});

describe("the token never travels over http:// to a destination nobody listed", () => {
  it("an http:// or internal API address is not saved", async () => {
    await lib.saveTrackerSettings(me, settings({ token: TOKEN }));
    const before = await stored();
    for (const baseUrl of ["http://api.github.com", "http://169.254.169.254/latest", "https://127.0.0.1:8443", "https://[::ffff:10.0.0.1]"]) {
      const e = await thrown(lib.saveTrackerSettings(me, settings({ baseUrl, token: "ghp_new_token_0000" })));
      expect(e?.fieldErrors?.baseUrl, baseUrl).toBeTruthy();
    }
    expect(await stored()).toEqual(before);
  });

  // A tracker saved while the operator listed it, then delisted (or stored by an older version).
  it.each([
    ["github", "acme/shop", ""],
    ["gitlab", "acme/shop", ""],
    ["jira", "OPS", "bot@acme.example"],
  ] as const)("%s: a stored http:// address is not called once it is not listed", async (kind, project, accountEmail) => {
    const tracker = await start(answerWith(401, '{"message":"Bad credentials"}', { "content-type": "application/json" }));
    process.env[ALLOW] = "trackers=127.0.0.0/8";
    await lib.saveTrackerSettings(me, settings({ kind, baseUrl: tracker.url, project, accountEmail, token: TOKEN }));
    delete process.env[ALLOW];
    const { classifyTrackerFailure } = await import("./tracker-failure");
    const open = (await lib.openTeamTracker(me.teamId))!;
    const e = await open.tracker.create(ticket).catch((x: unknown) => x);
    expect(tracker.connections).toBe(0);
    expect(carriedToken(tracker, TOKEN)).toBe(false);
    expect(classifyTrackerFailure(kind, e).code).toBe("refused");
  });

  it("a listed tracker that redirects does not pass the token on", async () => {
    const collector = await start(answerWith(201, "{}"));
    const tracker = await start(redirectTo(`${collector.url}/collect`, 307));
    process.env[ALLOW] = "trackers=127.0.0.0/8";
    await lib.saveTrackerSettings(me, settings({ baseUrl: tracker.url, token: TOKEN }));
    const open = (await lib.openTeamTracker(me.teamId))!;
    await open.tracker.create(ticket).catch(() => undefined);
    expect(tracker.connections).toBe(1);
    expect(collector.connections).toBe(0);
    expect(carriedToken(collector, TOKEN)).toBe(false);
  });

  it("a public-looking API name that resolves inside is refused at connect time", async () => {
    const inside = await start(answerWith(200, "{}"));
    const { githubTracker } = await import("./trackers/github");
    const t = githubTracker({ baseUrl: `https://api.github.example.test:${inside.port}`, project: "acme/shop", token: TOKEN, network: { resolve: async () => [{ address: "127.0.0.1", family: 4 }] } });
    const e = await t.create(ticket).catch((x: unknown) => x);
    expect(inside.connections).toBe(0);
    const { classifyTrackerFailure } = await import("./tracker-failure");
    expect(classifyTrackerFailure("github", e).code).toBe("refused");
  });
});
