// Guesses on real SQLite, attacked at the lib boundary every server action
// calls: a viewer guessing, a guess once the run started, another team's
// member, and reading others' guesses before the end — each refused (or
// given names only) with nothing written; the start binds the room's
// guesses to its run in its own transaction; the reveal and the calibration.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Role } from "@/lib/auth/roles";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-guesses-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

let ada: SessionUser; // admin, facilitates
let bea: SessionUser; // participant
let cy: SessionUser; // participant
let val: SessionUser; // viewer
let bob: SessionUser; // admin of team B
let gameDayId: string;
let experimentId: string;

const guess = (over: Record<string, unknown> = {}) => ({ experimentId, timeToDetectMin: "2", timeToRecoverMin: "10", willPage: "yes", ...over });

async function written() {
  const { db } = await import("@/lib/db/client");
  return { guesses: JSON.stringify(await db.personalEstimate.findMany({ orderBy: { id: "asc" } })), audit: await db.auditLog.count() };
}

async function save(user: SessionUser, input: Record<string, unknown>) {
  const { saveGuess } = await import("./save-guess");
  const { guessSchema } = await import("./guess-schema");
  return saveGuess(user, guessSchema.parse(input));
}

async function member(email: string, name: string, role: Role, teamId?: string): Promise<SessionUser> {
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { db } = await import("@/lib/db/client");
  const { userId } = await provisionUser({ email, name });
  await db.membership.updateMany({ where: { userId }, data: { role, ...(teamId ? { teamId } : {}) } });
  return (await loadSessionUser(userId))!;
}

async function peopleExperiment(user: SessionUser, title: string) {
  const { saveExperiment } = await import("@/lib/experiments/experiments");
  const { experimentSchema } = await import("@/lib/experiments/schemas");
  return (await saveExperiment(user, experimentSchema.parse({ gameDayId, title, hypothesis: "We notice", durationSec: 600, faults: [{ kind: "people-staycation", params: { person: "Ken" } }] }))).id;
}

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { db } = await import("@/lib/db/client");
  const { createGameDay, addParticipant } = await import("@/lib/gameday/gamedays");
  ada = (await loadSessionUser((await provisionUser({ email: "ada@example.com", name: "Ada" })).userId))!;
  bea = await member("bea@example.com", "Bea", "participant");
  cy = await member("cy@example.com", "Cy", "participant");
  val = await member("val@example.com", "Val", "viewer");
  await db.team.create({ data: { id: "teamb", name: "Team B" } });
  bob = await member("bob@example.com", "Bob", "admin", "teamb");
  gameDayId = (await createGameDay(ada, { title: "March", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  for (const p of [bea, cy, val]) await addParticipant(ada, { gameDayId, name: p.name, email: p.email });
  experimentId = await peopleExperiment(ada, "On-call away");
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("before the run: guesses are open", () => {
  it("saves and changes a participant's own guess", async () => {
    await save(bea, guess({ timeToRecoverMin: "12" }));
    await save(bea, guess({ timeToRecoverMin: "10" })); // changed, not a second row
    await save(ada, guess({ timeToDetectMin: "1", timeToRecoverMin: "5", willPage: "no" }));
    const { db } = await import("@/lib/db/client");
    expect(await db.personalEstimate.count({ where: { experimentId, slot: "next" } })).toBe(2);
  });

  it("refuses a viewer and another team's admin, writing nothing", async () => {
    const before = await written();
    await expect(save(val, guess())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(save(bob, guess())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await written()).toEqual(before);
  });

  it("shows each screen its own guess and the others' names, never their figures", async () => {
    const { listExperimentGuessBoards, getExperimentGuessBoard } = await import("./guess-reads");
    const b = (await listExperimentGuessBoards(cy, gameDayId))[experimentId];
    expect(b).toMatchObject({ phase: "open", canGuess: true, mine: null, count: 2, of: 3, revealed: null });
    expect(b.guessed.map((p) => p.name)).toEqual(["Ada", "Bea"]);
    expect(b.waitingFor.map((p) => p.name)).toEqual(["Cy"]); // Val is a viewer: not awaited
    // The facilitator's screen (and the big screen it drives) holds no figure of Bea's either.
    const facilitator = await getExperimentGuessBoard(ada, experimentId);
    expect(JSON.stringify(facilitator)).not.toContain('"timeToRecoverMin":10');
    expect(facilitator.mine?.timeToRecoverMin).toBe(5);
    await expect(getExperimentGuessBoard(bob, experimentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the start locks them", () => {
  let runId: string;
  it("binds the room's guesses to the run in the start's transaction", async () => {
    await save(cy, guess({ timeToDetectMin: "4", timeToRecoverMin: "20", willPage: "yes" }));
    const { startRun } = await import("@/lib/runs/runs");
    runId = (await startRun(ada, experimentId)).runId;
    const { db } = await import("@/lib/db/client");
    expect(await db.personalEstimate.count({ where: { experimentId, slot: "next" } })).toBe(0);
    expect(await db.personalEstimate.count({ where: { runId, slot: runId } })).toBe(3);
  });

  it("refuses a guess after the start with a clear message, writing nothing", async () => {
    const before = await written();
    await expect(save(bea, guess({ timeToRecoverMin: "60" }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("guesses are locked") });
    expect(await written()).toEqual(before);
  });

  it("while the run runs, shows counts and names only, also through the reveal", async () => {
    const { getRunGuessBoard } = await import("./guess-reads");
    const { getGuessReveal } = await import("./guess-reveal");
    const board = await getRunGuessBoard(bea, runId);
    expect(board).toMatchObject({ phase: "locked", canGuess: false, count: 3, revealed: null });
    const reveal = await getGuessReveal(ada, runId);
    expect(reveal).toMatchObject({ measurement: null, guesses: [] });
    expect(JSON.stringify(reveal)).not.toMatch(/"timeToRecoverMin":(10|20)/);
    await expect(getGuessReveal(bob, runId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("after the end reveals everyone's beside the measurement, with each error", async () => {
    const { endRun } = await import("@/lib/runs/runs");
    const { saveMeasuredImpact, measuredSchema } = await import("@/lib/runs/measured");
    await endRun(ada, runId, "stop", "");
    await saveMeasuredImpact(ada, measuredSchema.parse({ runId, severity: 3, userImpact: "degraded", alertFired: "on", paged: "on", timeToDetectMin: "4", timeToRecoverMin: "23", hypothesisHeld: "disproved" }));
    const { getGuessReveal } = await import("./guess-reveal");
    const reveal = await getGuessReveal(val, runId); // a viewer sees the reveal too
    expect(reveal.measurement).toEqual({ timeToDetectMin: 4, timeToRecoverMin: 23, paged: true, source: "recorded" });
    expect(reveal.guesses.map((g) => [g.name, g.values.timeToRecoverMin, g.error.timeToRecover.text, g.error.pageRight])).toEqual([
      ["Ada", 5, "4.6x too optimistic", false],
      ["Bea", 10, "2.3x too optimistic", true],
      ["Cy", 20, "1.2x too optimistic", true],
    ]);
    expect(reveal.room.pageRight).toEqual({ right: 2, of: 3 });
  });

  it("opens guesses again for the experiment's next run", async () => {
    await save(bea, guess({ timeToRecoverMin: "25" }));
    const { getExperimentGuessBoard } = await import("./guess-reads");
    expect(await getExperimentGuessBoard(bea, experimentId)).toMatchObject({ phase: "open", count: 1, mine: { timeToRecoverMin: 25 } });
  });
});

describe("calibration", () => {
  it("counts only revealed guesses: the next run's open guess is not in it", async () => {
    const { getCalibration } = await import("./load-calibration");
    const team = await getCalibration(bea);
    expect(team.calibration).toMatchObject({ runs: 1, guesses: 3 });
    expect(team.calibration.timeToRecoverMin.sentence).toBe("Time to recover is estimated 2.3x too optimistic (3 guesses).");
    expect(team.people).toBeNull(); // a participant sees the team's, not everyone's lines
    expect((await getCalibration(ada)).people?.map((p) => p.name)).toEqual(["Ada", "Bea", "Cy"]);
  });

  it("shows a person's own to them and to facilitators, refuses anyone else, and another team's member is not found", async () => {
    const { getCalibration } = await import("./load-calibration");
    expect((await getCalibration(bea, { personId: bea.id })).calibration.timeToRecoverMin.sentence).toMatch(/2\.3x too optimistic/);
    expect((await getCalibration(ada, { personId: cy.id })).scope).toMatchObject({ kind: "person", name: "Cy" });
    await expect(getCalibration(cy, { personId: bea.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCalibration(val, { personId: bea.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCalibration(bob, { personId: bea.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getCalibration(bob)).calibration.runs).toBe(0); // team B has none of team A's
  });
});
