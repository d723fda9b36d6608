// Who can get an account (issue 13, findings 1 and 3), on a real SQLite file:
// an invitation is accepted only with its token, only by its email, once, and
// not after it expired; the first admin of an installation that others can
// reach needs the one-time setup link; invite-only refuses strangers; and the
// passwords are hashed with scrypt, off the event loop, with old bcrypt hashes
// replaced at the next sign-in.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessPolicy } from "./access-policy";
import type { SessionUser } from "./session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-accounts-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

const open: AccessPolicy = { loopbackOnly: false, signup: "open", passwordSignIn: true, oidc: { allowedDomains: [], allowedGroups: [], groupRoles: new Map(), groupsClaim: "groups" } };
const inviteOnly: AccessPolicy = { ...open, signup: "invite-only" };
const local: AccessPolicy = { ...open, loopbackOnly: true };
const pw = "ten chars or more";
let n = 0;
const address = () => `203.0.113.${++n}`; // a fresh client address per sign-up: these tests are not about the limits

async function counts() {
  const { db } = await import("@/lib/db/client");
  return { users: await db.user.count(), teams: await db.team.count(), memberships: await db.membership.count() };
}

beforeAll(() => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the first admin of a fresh installation", () => {
  it("reachable from other machines: refused without the setup link, nothing written", async () => {
    const { createLocalAccount } = await import("./accounts");
    const before = await counts();
    const e = await createLocalAccount({ name: "Mallory", email: "mallory@evil.example", password: pw }, address(), inviteOnly).catch((x) => x);
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toMatch(/setup link printed in the server's log/);
    const e2 = await createLocalAccount({ name: "Mallory", email: "mallory@evil.example", password: pw, setup: "guessed-token" }, address(), open).catch((x) => x);
    expect(e2.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("the setup link makes its holder admin once; a second use is refused", async () => {
    const { createLocalAccount } = await import("./accounts");
    const { issueSetupToken, hasFirstAdmin } = await import("./installation");
    const stale = (await issueSetupToken())!;
    const issued = (await issueSetupToken())!; // each start replaces the link
    expect(await createLocalAccount({ name: "Old link", email: "old@corp.example", password: pw, setup: stale.token }, address(), inviteOnly).catch((x) => x.code)).toBe("FORBIDDEN");
    const admin = await createLocalAccount({ name: "Ada", email: "ada@corp.example", password: pw, setup: issued.token }, address(), inviteOnly);
    expect(admin.role).toBe("admin");
    expect(await hasFirstAdmin()).toBe(true);
    expect(await issueSetupToken()).toBeNull();
    const again = await createLocalAccount({ name: "Eve", email: "eve@corp.example", password: pw, setup: issued.token }, address(), inviteOnly).catch((x) => x);
    expect(again.code).toBe("FORBIDDEN");
  });
});

describe("invitations", () => {
  let admin: SessionUser;

  beforeAll(async () => {
    const { db } = await import("@/lib/db/client");
    const { loadSessionUser } = await import("./accounts");
    admin = (await loadSessionUser((await db.user.findUniqueOrThrow({ where: { email: "ada@corp.example" } })).id))!;
  });

  it("knowing an invited email is not enough: without the link's token a stranger does not get the invited role", async () => {
    const { inviteMember } = await import("@/lib/team/members");
    const { createLocalAccount } = await import("./accounts");
    await inviteMember(admin, { email: "new.sre@corp.example", role: "admin" });
    const refused = await createLocalAccount({ name: "Mallory", email: "new.sre@corp.example", password: pw }, address(), inviteOnly).catch((x) => x);
    expect(refused.code).toBe("FORBIDDEN");
    // Even where sign-up is open, the stranger joins as a viewer, not as the invited admin.
    const joined = await createLocalAccount({ name: "Mallory", email: "new.sre@corp.example", password: pw }, address(), open);
    expect(joined.role).toBe("viewer");
  });

  it("the token works only for its email, once, and not after it expired", async () => {
    const { db } = await import("@/lib/db/client");
    const { inviteMember } = await import("@/lib/team/members");
    const { createLocalAccount } = await import("./accounts");
    const { token } = await inviteMember(admin, { email: "grace@corp.example", role: "facilitator" });
    const stored = await db.invitation.findFirstOrThrow({ where: { email: "grace@corp.example" } });
    expect(stored.tokenHash).not.toContain(token); // only the hash is stored
    const other = await createLocalAccount({ name: "Mallory", email: "mallory@corp.example", password: pw, invite: token }, address(), inviteOnly).catch((x) => x);
    expect([other.code, other.fieldErrors?.email]).toEqual(["FORBIDDEN", expect.stringMatching(/for grace@corp.example/)]);
    const grace = await createLocalAccount({ name: "Grace", email: "grace@corp.example", password: pw, invite: token }, address(), inviteOnly);
    expect(grace.role).toBe("facilitator");
    const reused = await createLocalAccount({ name: "Grace 2", email: "grace@corp.example", password: pw, invite: token }, address(), inviteOnly).catch((x) => x);
    expect(reused.code).toBe("CONFLICT");

    const late = await inviteMember(admin, { email: "late@corp.example", role: "participant" });
    await db.invitation.updateMany({ where: { email: "late@corp.example" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await createLocalAccount({ name: "Late", email: "late@corp.example", password: pw, invite: late.token }, address(), inviteOnly).catch((x) => x);
    expect([expired.code, expired.message]).toEqual(["FORBIDDEN", expect.stringMatching(/has expired/)]);
    expect(await db.user.count({ where: { email: "late@corp.example" } })).toBe(0);
  });

  it("two sign-ups racing with one link: exactly one account", async () => {
    const { db } = await import("@/lib/db/client");
    const { inviteMember } = await import("@/lib/team/members");
    const { provisionUser } = await import("./accounts");
    const { token } = await inviteMember(admin, { email: "twice@corp.example", role: "participant" });
    const rules = { firstAdmin: "never", join: null } as const;
    const results = await Promise.allSettled([provisionUser({ email: "twice@corp.example", name: "A", inviteToken: token, rules }), provisionUser({ email: "twice@corp.example", name: "B", inviteToken: token, rules })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email: "twice@corp.example" } })).toBe(1);
  });

  it("invite-only: a stranger is refused; open sign-up: a stranger joins as viewer", async () => {
    const { createLocalAccount } = await import("./accounts");
    const before = await counts();
    expect((await createLocalAccount({ name: "Stranger", email: "stranger@else.example", password: pw }, address(), inviteOnly).catch((x) => x)).code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
    expect((await createLocalAccount({ name: "Stranger", email: "stranger@else.example", password: pw }, address(), open)).role).toBe("viewer");
    expect((await createLocalAccount({ name: "Local", email: "local@else.example", password: pw }, address(), local)).role).toBe("viewer");
  });

  it("password accounts turned off: no local sign-up at all", async () => {
    const { createLocalAccount } = await import("./accounts");
    const e = await createLocalAccount({ name: "X", email: "x@corp.example", password: pw }, address(), { ...open, passwordSignIn: false }).catch((x) => x);
    expect(e.code).toBe("FORBIDDEN");
  });
});

describe("passwords", () => {
  it("are hashed with scrypt; a bcrypt hash from before still signs in and is replaced", async () => {
    const { db } = await import("@/lib/db/client");
    const { verifyCredentials } = await import("./accounts");
    const { hashPassword } = await import("./password");
    expect(await hashPassword(pw)).toMatch(/^scrypt\$32768\$8\$3\$/);
    await db.user.update({ where: { email: "grace@corp.example" }, data: { passwordHash: await bcrypt.hash(pw, 4) } });
    expect(await verifyCredentials("grace@corp.example", "wrong password")).toBeNull();
    expect(await verifyCredentials("grace@corp.example", pw)).toMatchObject({ email: "grace@corp.example" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "grace@corp.example" } })).passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyCredentials("grace@corp.example", pw)).toMatchObject({ email: "grace@corp.example" });
  });

  it("hashing does not hold the event loop: a 10 ms timer keeps firing during eight hashes", async () => {
    const { hashPassword } = await import("./password");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => hashPassword(pw)));
    const elapsed = Date.now() - started;
    clearInterval(timer);
    // A loop held for the whole time would have fired about once; a free one fires about every 10 ms.
    expect(ticks).toBeGreaterThan(elapsed / 10 / 3);
  });
});
