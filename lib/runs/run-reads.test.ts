// Reads are pure: loading a run (GET /api/runs/:id, the run page, the presenter)
// or the list of runs (runs and follow-ups pages) changes nothing, not even for
// a run whose deadline has passed: ending runs is the engine's job. And an
// experiment with a live run cannot be edited. Real SQLite, real run path.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-run-reads-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 6).toString("base64");

let me: SessionUser;
let gameDayId: string;
let experimentId: string;

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { userId } = await provisionUser({ email: "ada@example.com", name: "Ada" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Room", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  experimentId = (await saveExperiment(me, experimentSchema.parse({ gameDayId, title: "Ken is away", hypothesis: "We cope", durationSec: 60, faults: [{ kind: "people-staycation", params: { person: "Ken" } }] }))).id;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("reading a run past its deadline, and listing runs, change nothing", async () => {
  const { startRun } = await import("@/lib/runs/runs");
  const { db } = await import("@/lib/db/client");
  const { runId } = await startRun(me, experimentId);
  await db.run.update({ where: { id: runId }, data: { endsAt: new Date(Date.now() - 5000) } });
  const before = { events: await db.runEvent.count({ where: { runId } }), audit: await db.auditLog.count(), run: await db.run.findUniqueOrThrow({ where: { id: runId } }) };

  const { getRunOrThrow, listRuns } = await import("@/lib/runs/run-views");
  const view = await getRunOrThrow(me, runId);
  expect(view.status).toBe("running");
  const list = await listRuns(me, gameDayId);
  expect(list.find((r) => r.id === runId)?.status).toBe("running");

  expect(await db.runEvent.count({ where: { runId } })).toBe(before.events);
  expect(await db.auditLog.count()).toBe(before.audit);
  expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toEqual(before.run);
});

it("an experiment with a live run cannot be edited", async () => {
  const { db } = await import("@/lib/db/client");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  const { startRun } = await import("@/lib/runs/runs");
  const draft = { gameDayId, title: "Lea is slow", hypothesis: "We cope", durationSec: 600, faults: [{ kind: "people-slow-lane", params: { person: "Lea" } }] };
  const { id } = await saveExperiment(me, experimentSchema.parse(draft));
  await startRun(me, id);
  const edit = experimentSchema.parse({ ...draft, experimentId: id, title: "Lea and Ken are slow" });
  await expect(saveExperiment(me, edit)).rejects.toMatchObject({ code: "CONFLICT" });
  expect((await db.experiment.findUniqueOrThrow({ where: { id } })).title).toBe("Lea is slow");
});
