// Firedrill's Alertmanager receiver attacked over its real route handler, on
// real SQLite: no token, a wrong or revoked token, another team's token, a body
// too big or not a notification — each refused, nothing written; a valid
// notification delivered twice (Alertmanager retries) is recorded once.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-receiver-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
process.env.FIREDRILL_OUTBOUND_ALLOW = "127.0.0.0/8";

let me: SessionUser;
let other: SessionUser;
let sourceId: string;
let runId: string;

const notification = (status: "firing" | "resolved" = "firing") => JSON.stringify({ version: "4", status, receiver: "firedrill", alerts: [{ status, labels: { alertname: "CheckoutErrorRatioHigh", severity: "page" }, startsAt: new Date(Date.now() - 5000).toISOString() }] });

async function post(body: string, authorization?: string, headers: Record<string, string> = {}) {
  const { POST } = await import("@/app/api/v1/alertmanager/webhook/route");
  const res = await POST(new Request("http://127.0.0.1/api/v1/alertmanager/webhook", { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers }, body }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function written() {
  const { db } = await import("@/lib/db/client");
  return { alerts: await db.runAlert.count(), events: await db.runEvent.count({ where: { runId } }) };
}

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { db } = await import("@/lib/db/client");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
  const { startRun } = await import("@/lib/runs/runs");
  me = (await loadSessionUser((await provisionUser({ email: "ada@example.com", name: "Ada" })).userId))!;
  const otherId = (await provisionUser({ email: "bob@example.com", name: "Bob" })).userId;
  // Bob is the admin of a team of his own.
  await db.team.create({ data: { id: "teamb", name: "Team B" } });
  await db.membership.updateMany({ where: { userId: otherId }, data: { teamId: "teamb", role: "admin" } });
  other = (await loadSessionUser(otherId))!;
  // A team default source (nothing listens there: only the webhook is under test).
  sourceId = (await createSource(me, createSourceSchema.parse({ name: "Prod", url: "http://127.0.0.1:9" }))).id;
  await createSource(other, createSourceSchema.parse({ name: "Team B's", url: "http://127.0.0.1:9" }));
  const gameDayId = (await createGameDay(me, { title: "Room", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  const experimentId = (await saveExperiment(me, experimentSchema.parse({ gameDayId, title: "On-call away", hypothesis: "We notice", durationSec: 600, faults: [{ kind: "people-staycation", params: { person: "Ken" } }] }))).id;
  runId = (await startRun(me, experimentId)).runId;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the receiver refuses, and writes nothing", () => {
  it("without a token, with a wrong one, with a revoked one, and with another team's", async () => {
    const { rotateReceiverToken, revokeReceiverToken } = await import("./receiver-token");
    const { metricsSource } = (await import("@/lib/db/client")).db;
    const before = await written();
    expect((await post(notification())).status).toBe(401);
    // The token is checked before the body is read: a stranger's megabyte is a 401, not a 400 after reading it.
    expect((await post("x".repeat(1024 * 1024 + 1))).status).toBe(401);
    expect((await post(notification(), "Bearer fdam_not-a-token-of-any-source")).status).toBe(401);
    expect((await post(notification(), "Basic YWxpY2U6c2VjcmV0")).status).toBe(401);
    const old = (await rotateReceiverToken(me, sourceId)).token;
    await rotateReceiverToken(me, sourceId); // replaced: the old one stops at once
    expect((await post(notification(), `Bearer ${old}`)).status).toBe(401);
    const teamB = await metricsSource.findFirstOrThrow({ where: { teamId: "teamb" } });
    const bToken = (await rotateReceiverToken(other, teamB.id)).token;
    const b = await post(notification(), `Bearer ${bToken}`);
    expect(b).toMatchObject({ status: 200, json: { runs: 0 } }); // Team B's token reaches only Team B's runs
    // Bob cannot set up or revoke Team A's receiver.
    await expect(rotateReceiverToken(other, sourceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeReceiverToken(other, sourceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await written()).toEqual(before);
  });

  it("a body too big or not a notification, even with the right token", async () => {
    const { rotateReceiverToken } = await import("./receiver-token");
    const token = (await rotateReceiverToken(me, sourceId)).token;
    const before = await written();
    expect((await post("x".repeat(1024 * 1024 + 1), `Bearer ${token}`)).status).toBe(400);
    expect((await post("{", `Bearer ${token}`)).status).toBe(400);
    expect((await post(JSON.stringify({ status: "firing", alerts: [{ status: "firing", labels: { alertname: { $gt: "" } } }] }), `Bearer ${token}`)).status).toBe(400);
    expect(await written()).toEqual(before);
  });
});

describe("a valid notification", () => {
  it("is recorded on the live run measured with the source, once though Alertmanager delivers it twice", async () => {
    const { rotateReceiverToken } = await import("./receiver-token");
    const token = (await rotateReceiverToken(me, sourceId)).token;
    const [a, b] = await Promise.all([post(notification(), `Bearer ${token}`), post(notification(), `Bearer ${token}`)]);
    expect(a).toMatchObject({ status: 200, json: { runs: 1, alerts: 1 } });
    expect(b.status).toBe(200);
    const { db } = await import("@/lib/db/client");
    const rows = await db.runAlert.findMany({ where: { runId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ alertname: "CheckoutErrorRatioHigh", severity: "page" });
    expect(rows[0].notifiedAt).not.toBeNull();
    const paged = await db.runEvent.findMany({ where: { runId, message: { startsWith: "Alertmanager paged: CheckoutErrorRatioHigh" } } });
    expect(paged).toHaveLength(1);
    // Resolved: recorded as such, said once.
    expect((await post(notification("resolved"), `Bearer ${token}`)).status).toBe(200);
    expect((await db.runAlert.findFirstOrThrow({ where: { runId } })).resolvedAt).not.toBeNull();
  });
});
