// After a run ends, the process that drove it goes on watching its alerts
// (WATCH_AFTER_END_SEC) and calling its HTTP probes (AFTER_SEC): a resolve and
// a recovery come after the revert. An ended run has no lease any more, so
// this is the process's memory of what it watched. Real SQLite.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-after-end-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

let me: SessionUser;
let experimentId: string;

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  me = (await loadSessionUser((await provisionUser({ email: "ada@example.com", name: "Ada" })).userId))!;
  const gameDayId = (await createGameDay(me, { title: "Room", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  experimentId = (await saveExperiment(me, experimentSchema.parse({ gameDayId, title: "On-call away", hypothesis: "We notice", durationSec: 600, faults: [{ kind: "people-staycation", params: { person: "Ken" } }] }))).id;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("after a run ends", () => {
  it("its alerts are still watched and its HTTP probes still called by the process that watched it, and by no other", async () => {
    const { startRun, endRun } = await import("@/lib/runs/runs");
    const { runsToWatchForAlerts } = await import("@/lib/alerts/record-run-alerts");
    const { runsToProbe } = await import("@/lib/metrics/http-probes/sample-http-probes");
    const { db } = await import("@/lib/db/client");
    const { runId } = await startRun(me, experimentId);
    expect(await runsToWatchForAlerts(new Date())).toEqual([runId]);
    expect(await runsToProbe(new Date())).toEqual([runId]);
    await endRun(me, runId, "stop", "done");
    const ended = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(ended.status).toBe("completed");
    expect(ended.leaseOwner).toBeNull();

    const watched = new Set([runId]);
    const soon = new Date(ended.endedAt!.getTime() + 10_000);
    expect(await runsToWatchForAlerts(soon, watched)).toEqual([runId]);
    expect(await runsToProbe(soon, watched)).toEqual([runId]);
    // A process that never watched it (a second replica) does not take it up.
    expect(await runsToWatchForAlerts(soon, new Set())).toEqual([]);
    expect(await runsToProbe(soon, new Set())).toEqual([]);
    // And the watch ends: alerts after 5 minutes, probes after the after window.
    expect(await runsToProbe(new Date(ended.endedAt!.getTime() + 31_000), watched)).toEqual([]);
    expect(await runsToWatchForAlerts(new Date(ended.endedAt!.getTime() + 299_000), watched)).toEqual([runId]);
    expect(await runsToWatchForAlerts(new Date(ended.endedAt!.getTime() + 301_000), watched)).toEqual([]);
  });
});
