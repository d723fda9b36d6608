// A facilitator's webhook used as a probe into the internal network, on a
// real SQLite database: a stored target (stored before the guard existed, so
// written straight to the table) that points at an internal service, at a
// closed port, or at a server that redirects inward. The internal service
// must get no connection, nothing it answers may reach lastError, and
// lastError must not tell an open port from a closed one. The operator's
// allow list is unset in these tests unless a test says otherwise.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { answerWith, redirectTo, startLocalServer, type LocalServer } from "@/lib/outbound/hostile-servers.test-support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-notify-guard-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 5).toString("base64");

const SECRET = "AKIA-INTERNAL-ONLY-7f3c";
const ALLOW = "FIREDRILL_OUTBOUND_ALLOW";
const allowedBefore = process.env[ALLOW];

let me: SessionUser;
let gameDayId: string;
let internal: LocalServer;
const servers: LocalServer[] = [];

async function storeTarget(url: string): Promise<string> {
  const { db } = await import("@/lib/db/client");
  const { encryptSecret } = await import("@/lib/secrets/encrypt");
  const t = await db.runNotificationTarget.create({ data: { gameDayId, kind: "webhook", encryptedUrl: encryptSecret(url), urlHint: `${new URL(url).host}/…`, createdById: me.id } });
  return t.id;
}

/** What reached a server: TCP connections and requests (a pooled keep-alive socket can carry a request without a new connection). */
const contacts = (s: LocalServer) => ({ connections: s.connections, requests: s.requests.length });

async function targetRow(id: string) {
  const { db } = await import("@/lib/db/client");
  return db.runNotificationTarget.findUniqueOrThrow({ where: { id } });
}

async function notify(network?: Parameters<typeof import("./notify-run").notifyRunEvent>[1]) {
  const { notifyRunEvent } = await import("./notify-run");
  return notifyRunEvent({ gameDayId, runId: "run-1", event: "started", title: "Checkout is slow", actor: "Grace" }, network);
}

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { userId } = await provisionUser({ email: "grace@example.com", name: "Grace" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Checkout day", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  internal = await startLocalServer(answerWith(500, `internal admin page: ${SECRET}`));
}, 60_000);

beforeEach(async () => {
  delete process.env[ALLOW]; // the operator listed nothing
  const { db } = await import("@/lib/db/client");
  await db.runNotificationTarget.deleteMany({ where: { gameDayId } });
});

afterEach(async () => {
  if (allowedBefore === undefined) delete process.env[ALLOW];
  else process.env[ALLOW] = allowedBefore;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await internal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a stored webhook that points inside", () => {
  it("is refused: the internal service gets no connection and lastError holds nothing it said", async () => {
    const before = contacts(internal);
    const id = await storeTarget(`${internal.url}/admin`);
    const out = await notify();
    expect(contacts(internal)).toEqual(before);
    expect(out.results).toEqual([]);
    expect(out.errors).toHaveLength(1);
    const row = await targetRow(id);
    expect(row.lastError).toMatch(/refused/);
    expect(row.lastError).not.toContain(SECRET);
    expect(JSON.stringify(out)).not.toContain(SECRET);
  });

  it("an internal service that answers 200 is not counted as delivered", async () => {
    const ok = await startLocalServer(answerWith(200, SECRET));
    servers.push(ok);
    const id = await storeTarget(`${ok.url}/hook`);
    const out = await notify();
    expect(contacts(ok)).toEqual({ connections: 0, requests: 0 });
    expect(out.results).toEqual([]);
    expect((await targetRow(id)).lastSentAt).toBeNull();
  });

  it("lastError cannot tell an open port from a closed one (no port scanning)", async () => {
    const closed = await startLocalServer();
    await closed.close();
    const open = await storeTarget(`${internal.url}/`);
    const shut = await storeTarget(`${closed.url}/`);
    await notify();
    const said = async (id: string, port: number) => (await targetRow(id)).lastError?.replaceAll(String(port), "PORT");
    expect(await said(open, internal.port)).toBe(await said(shut, closed.port));
  });

  it("a public-looking name that resolves to it is refused at connect time (DNS rebinding)", async () => {
    const before = contacts(internal);
    const id = await storeTarget(`https://hooks.example.test:${internal.port}/services/x`);
    await notify({ resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(contacts(internal)).toEqual(before);
    expect((await targetRow(id)).lastError).toMatch(/refused/);
  });

  it("a redirect from a listed webhook to the internal service is not followed", async () => {
    process.env[ALLOW] = "webhooks=127.0.0.0/8"; // the operator lists the webhook's network
    const bouncer = await startLocalServer(redirectTo(`${internal.url}/latest/meta-data/`));
    servers.push(bouncer);
    const before = contacts(internal);
    const id = await storeTarget(`${bouncer.url}/hook`);
    const out = await notify();
    expect(contacts(bouncer)).toEqual({ connections: 1, requests: 1 });
    expect(contacts(internal)).toEqual(before);
    expect(out.results).toEqual([]);
    const row = await targetRow(id);
    expect(row.lastError).toMatch(/redirect/);
    expect(row.lastError).not.toContain(SECRET);
  });

  it("where the operator allows it, the status is kept and the answer is not", async () => {
    process.env[ALLOW] = "webhooks=127.0.0.0/8";
    const before = contacts(internal);
    const id = await storeTarget(`${internal.url}/hook`);
    await notify();
    expect(contacts(internal)).toEqual({ connections: before.connections + 1, requests: before.requests + 1 });
    const row = await targetRow(id);
    expect(row.lastError).toContain("HTTP 500");
    expect(row.lastError).not.toContain(SECRET);
  });
});

describe("saving a webhook that points inside", () => {
  const refused = (port: number) => ["http://169.254.169.254/latest/meta-data/", `http://127.0.0.1:${port}/hook`, "https://[::ffff:127.0.0.1]/hook", "https://10.0.0.8/hook", "http://hooks.example.com/plain-http"];

  it("the form's schema refuses it", async () => {
    const { addNotificationTargetSchema } = await import("./schemas");
    for (const url of refused(internal.port)) {
      const r = addNotificationTargetSchema.safeParse({ gameDayId, kind: "webhook", url });
      expect(r.success, url).toBe(false);
    }
    expect(addNotificationTargetSchema.safeParse({ gameDayId, kind: "slack", url: "https://hooks.slack.com/services/T0/B0/XXXX" }).success).toBe(true);
  });

  it("the lib refuses it too when called without the schema, and stores nothing", async () => {
    const { addNotificationTarget } = await import("./targets");
    const { db } = await import("@/lib/db/client");
    for (const url of refused(internal.port)) {
      const e = await addNotificationTarget(me, { gameDayId, kind: "webhook", url }).catch((x: unknown) => x);
      expect((e as { fieldErrors?: Record<string, string> }).fieldErrors?.url, url).toBeTruthy();
    }
    expect(await db.runNotificationTarget.count({ where: { gameDayId } })).toBe(0);
  });
});
