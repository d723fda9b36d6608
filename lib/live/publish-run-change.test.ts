// A run that ends by itself (nobody clicked) still reaches every screen: the
// status change publishes a live event. Real SQLite, real run path, the
// process's real live hub.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import type { LiveMessage } from "./hub";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-live-run-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 5).toString("base64");

let me: SessionUser;
let gameDayId: string;
let experimentId: string;

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { userId } = await provisionUser({ email: "linus@example.com", name: "Linus" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Room", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  experimentId = (await saveExperiment(me, experimentSchema.parse({ gameDayId, title: "Pager silence", hypothesis: "We notice", durationSec: 60, faults: [{ kind: "people-slow-lane", params: { person: "Ken" } }] }))).id;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("a run ending at its deadline tells the GameDay's screens", async () => {
  const { subscribe } = await import("./hub");
  const seen: LiveMessage[] = [];
  const unsubscribe = subscribe(gameDayId, (m) => seen.push(m));
  const { startRun } = await import("@/lib/runs/runs");
  const { engineTick } = await import("@/lib/runs/engine/engine-loop");
  const { runId } = await startRun(me, experimentId);
  await expect.poll(() => seen.filter((m) => m.type === "change" && m.event.kind === "runs").length).toBeGreaterThan(0);
  const before = seen.length;

  await engineTick(new Date(Date.now() + 61_000)); // the engine loop's pass after the deadline
  const { db } = await import("@/lib/db/client");
  expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("completed");
  await expect.poll(() => seen.slice(before).filter((m) => m.type === "change" && m.event.kind === "runs").length).toBeGreaterThan(0);
  unsubscribe();
});

it("a timeline entry nobody clicked (a retried revert, a Prometheus outage) tells the GameDay's screens", async () => {
  const { subscribe } = await import("./hub");
  const { startRun } = await import("@/lib/runs/runs");
  const { addRunEvent, SYSTEM } = await import("@/lib/runs/lifecycle/timeline");
  const { runId } = await startRun(me, experimentId);
  const seen: LiveMessage[] = [];
  const unsubscribe = subscribe(gameDayId, (m) => seen.push(m));
  const { publishRunChange } = await import("./publish-run-change");
  await publishRunChange(runId); // resolves once every publish of the start has gone out
  const before = seen.length;
  await addRunEvent(runId, "error", "Revert of pod-kill on demo/checkout-1 failed (attempt 1), will retry", SYSTEM);
  await expect.poll(() => seen.slice(before).filter((m) => m.type === "change" && m.event.kind === "runs").length).toBeGreaterThan(0);
  unsubscribe();
});
