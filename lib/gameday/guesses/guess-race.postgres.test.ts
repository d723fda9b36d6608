// On PostgreSQL a guess saved at the moment a run starts: the start binds the
// "next" guesses it sees, and a save that commits just after that statement
// would stay "next" for a run that has already started (and count for the
// following run, made knowing how this one went). Both hold the experiment's
// row first (bind-guesses.ts), so each save lands before the start (bound) or
// after it (refused).
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

let ada: SessionUser;
const people: SessionUser[] = [];
let gameDayId: string;

beforeAll(async () => {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) throw new Error("set DATABASE_URL to a fresh PostgreSQL database (npm test does)");
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { db } = await import("@/lib/db/client");
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  await db.team.deleteMany({});
  await db.user.deleteMany({});
  await db.installation.upsert({ where: { id: 1 }, create: { id: 1 }, update: { firstAdminAt: null } });
  ada = (await loadSessionUser((await provisionUser({ email: "ada@race.example", name: "Ada" })).userId))!;
  for (let i = 0; i < 6; i++) {
    const { userId } = await provisionUser({ email: `p${i}@race.example`, name: `P${i}` });
    await db.membership.updateMany({ where: { userId }, data: { role: "participant" } });
    people.push((await loadSessionUser(userId))!);
  }
  gameDayId = (await createGameDay(ada, { title: "Race", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
});

describe("a guess racing the start on PostgreSQL", () => {
  it("is bound to the run or refused, never left behind as 'next' (20 starts, 6 guesses each)", async () => {
    const { db } = await import("@/lib/db/client");
    const { saveExperiment } = await import("@/lib/experiments/experiments");
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { startRun } = await import("@/lib/runs/runs");
    const { saveGuess } = await import("./save-guess");
    let saved = 0;
    let refused = 0;
    for (let round = 0; round < 20; round++) {
      const experimentId = (await saveExperiment(ada, experimentSchema.parse({ gameDayId, title: `Round ${round}`, hypothesis: "h", durationSec: 600, faults: [{ kind: "people-staycation", params: { person: "Ken" } }] }))).id;
      const guesses = people.map((p, i) => (async () => {
        await new Promise((r) => setTimeout(r, (i * 3) % 11));
        return saveGuess(p, { experimentId, timeToDetectMin: 1, timeToRecoverMin: 5, willPage: null });
      })());
      const [start, ...results] = await Promise.allSettled([startRun(ada, experimentId), ...guesses]);
      expect(start.status).toBe("fulfilled");
      const runId = (start as PromiseFulfilledResult<{ runId: string }>).value.runId;
      for (const r of results) {
        if (r.status === "fulfilled") saved++;
        else {
          expect(r.reason.code).toBe("CONFLICT");
          refused++;
        }
      }
      expect(await db.personalEstimate.count({ where: { experimentId, slot: "next" } }), `round ${round}: a guess left as next`).toBe(0);
      expect(await db.personalEstimate.count({ where: { experimentId, runId } })).toBe(results.filter((r) => r.status === "fulfilled").length);
    }
    expect(saved + refused).toBe(120);
  });
});
