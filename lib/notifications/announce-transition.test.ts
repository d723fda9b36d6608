// Run notifications through the real run path: a real SQLite database, a
// people-only experiment started and stopped with lib/runs, and local HTTP
// servers standing in for a Slack incoming webhook and a generic webhook.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-notify-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 9).toString("base64");

type Received = { path: string; body: Record<string, unknown> };
const received: Received[] = [];
const server = http.createServer((req, res) => {
  let data = "";
  req.on("data", (c) => (data += c));
  req.on("end", () => {
    received.push({ path: req.url ?? "", body: JSON.parse(data) });
    res.statusCode = req.url === "/broken" ? 500 : 200;
    res.end("ok");
  });
});
let base = "";
let me: SessionUser;
let gameDayId: string;
let experimentId: string;

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { userId } = await provisionUser({ email: "grace@example.com", name: "Grace" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Checkout day", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  experimentId = (await saveExperiment(me, experimentSchema.parse({ gameDayId, title: "Ken is slow", hypothesis: "We cope", durationSec: 600, faults: [{ kind: "people-slow-lane", params: { person: "Ken" } }] }))).id;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("run notifications", () => {
  it("tell Slack and a webhook when a run starts and stops; a broken webhook is recorded and blocks nothing", async () => {
    const { addNotificationTarget, listNotificationTargets } = await import("./targets");
    await addNotificationTarget(me, { gameDayId, kind: "slack", url: `${base}/slack` });
    await addNotificationTarget(me, { gameDayId, kind: "webhook", url: `${base}/hook` });
    await addNotificationTarget(me, { gameDayId, kind: "webhook", url: `${base}/broken` });
    const { startRun, endRun } = await import("@/lib/runs/runs");

    const { runId } = await startRun(me, experimentId);
    await expect.poll(() => received.filter((r) => r.body.event === "started" || String(r.body.text).startsWith("▶")).length).toBe(3);
    const slack = received.find((r) => r.path === "/slack")!;
    expect(slack.body.text).toMatch(/Run started.*Ken is slow.*Checkout day.*Grace/);
    expect(received.find((r) => r.path === "/hook")!.body).toMatchObject({ type: "firedrill.run.started", run: { id: runId, title: "Ken is slow" }, gameDay: { id: gameDayId } });

    await endRun(me, runId, "stop", "done");
    await expect.poll(() => received.filter((r) => r.path === "/hook" && r.body.event === "stopped").length).toBe(1);

    const { db } = await import("@/lib/db/client");
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("completed");
    await expect.poll(async () => (await listNotificationTargets(me, gameDayId)).find((t) => t.urlHint.includes("broken") || t.lastError)?.lastError ?? "").toMatch(/HTTP 500/);
    const targets = await listNotificationTargets(me, gameDayId);
    expect(targets.filter((t) => t.lastError)).toHaveLength(1);
    expect(targets.filter((t) => t.lastSentAt)).toHaveLength(2);
  });

  it("an aborted run is announced as aborted", async () => {
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runId } = await startRun(me, experimentId);
    await endRun(me, runId, "abort", "pager went off");
    await expect.poll(() => received.filter((r) => r.path === "/hook" && r.body.event === "aborted" && (r.body.run as { id: string }).id === runId).length).toBe(1);
  });
});
