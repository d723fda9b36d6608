// On PostgreSQL two people signing up at the same moment on a fresh install
// (or on two replicas) each saw "no team yet" and each created a team of their
// own with themselves as admin (issue 13, finding 3). The first admin is now
// claimed by a conditional update of the installation's one row, in the same
// transaction that creates the team.
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) throw new Error("set DATABASE_URL to a fresh PostgreSQL database (npm test does)");
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
});

describe("the first admin on PostgreSQL", () => {
  it("ten first sign-ups at once: one admin, one team; the others are refused (invite-only) and write nothing", async () => {
    const { db } = await import("@/lib/db/client");
    const { provisionUser } = await import("./accounts");
    // A fresh installation, whatever ran in this database before.
    await db.team.deleteMany({});
    await db.user.deleteMany({});
    await db.installation.upsert({ where: { id: 1 }, create: { id: 1 }, update: { firstAdminAt: null } });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => provisionUser({ email: `first${i}@corp.example`, name: `First ${i}`, rules: { firstAdmin: "allowed", join: null } })),
    );
    const roles = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.role] : []));
    expect(roles).toEqual(["admin"]);
    expect(await db.team.count()).toBe(1);
    expect(await db.user.count()).toBe(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason.code).toBe("FORBIDDEN");
  });
});
