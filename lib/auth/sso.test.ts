// SSO sign-ins (issue 13, finding 2), on a real SQLite file: identities are
// linked by (issuer, subject), an unverified email is refused, a local account
// with the same address is never captured, domain and group rules apply at
// every sign-in, and groups mapped to roles set the role.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessPolicy } from "./access-policy";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-sso-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 8).toString("base64");

const ISS = "https://idp.corp.example";
const policy = (over: Partial<AccessPolicy["oidc"]> = {}, signup: AccessPolicy["signup"] = "invite-only"): AccessPolicy => ({
  loopbackOnly: false,
  signup,
  passwordSignIn: true,
  oidc: { allowedDomains: [], allowedGroups: [], groupRoles: new Map(), groupsClaim: "groups", ...over },
});

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  const { provisionUser } = await import("./accounts");
  const { hashPassword } = await import("./password");
  // The installation's admin, a local account.
  await provisionUser({ email: "boss@corp.example", name: "Boss", passwordHash: await hashPassword("boss password 1") });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("who an SSO sign-in is", () => {
  it("an unverified email is refused, and so is a missing one; nothing is written", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const { db } = await import("@/lib/db/client");
    const before = await db.user.count();
    const p = policy({}, "open");
    const unverified = await resolveSsoSignIn({ issuer: ISS, subject: "u1", email: "boss@corp.example", emailVerified: false }, { policy: p }).catch((e) => e);
    expect(unverified.fieldErrors.sso).toBe("SsoEmailUnverified");
    const stringy = await resolveSsoSignIn({ issuer: ISS, subject: "u1", email: "new@corp.example", emailVerified: "true" }, { policy: p }).catch((e) => e);
    expect(stringy.fieldErrors.sso).toBe("SsoEmailUnverified");
    const none = await resolveSsoSignIn({ issuer: ISS, subject: "u1", emailVerified: true }, { policy: p }).catch((e) => e);
    expect(none.fieldErrors.sso).toBe("SsoNoSubject");
    expect(await db.user.count()).toBe(before);
  });

  it("a verified email that a local account carries does not sign in as that account (the admin included)", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const { db } = await import("@/lib/db/client");
    const e = await resolveSsoSignIn({ issuer: ISS, subject: "attacker", email: "boss@corp.example", emailVerified: true }, { policy: policy({}, "open") }).catch((x) => x);
    expect(e.fieldErrors.sso).toBe("SsoLocalAccountExists");
    expect(await db.userIdentity.count()).toBe(0);
  });

  it("invite-only: a stranger with no invitation and no mapped group is refused", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const e = await resolveSsoSignIn({ issuer: ISS, subject: "s1", email: "stranger@corp.example", emailVerified: true }, { policy: policy() }).catch((x) => x);
    expect(e.fieldErrors.sso).toBe("SsoInviteOnly");
  });

  it("links by (issuer, subject): the same subject is the same user even when the email changes; another issuer is another person", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const { db } = await import("@/lib/db/client");
    const p = policy({}, "open");
    const first = await resolveSsoSignIn({ issuer: ISS, subject: "kim", email: "kim@corp.example", emailVerified: true, name: "Kim" }, { policy: p });
    const again = await resolveSsoSignIn({ issuer: ISS, subject: "kim", email: "kim.renamed@corp.example", emailVerified: true }, { policy: p });
    expect(again).toBe(first);
    const other = await resolveSsoSignIn({ issuer: "https://other-idp.example", subject: "kim", email: "kim2@corp.example", emailVerified: true }, { policy: p });
    expect(other).not.toBe(first);
    expect((await db.membership.findFirstOrThrow({ where: { userId: first } })).role).toBe("viewer");
  });

  it("an invitation link is accepted through SSO only for its own, verified email", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const { inviteMember } = await import("@/lib/team/members");
    const { loadSessionUser } = await import("./accounts");
    const { db } = await import("@/lib/db/client");
    const boss = (await loadSessionUser((await db.user.findUniqueOrThrow({ where: { email: "boss@corp.example" } })).id))!;
    const { token } = await inviteMember(boss, { email: "fran@corp.example", role: "facilitator" });
    const wrong = await resolveSsoSignIn({ issuer: ISS, subject: "mallory", email: "mallory@corp.example", emailVerified: true }, { inviteToken: token, policy: policy() }).catch((x) => x);
    expect(wrong.fieldErrors.sso).toBe("SsoInvite");
    const fran = await resolveSsoSignIn({ issuer: ISS, subject: "fran", email: "fran@corp.example", emailVerified: true }, { inviteToken: token, policy: policy() });
    expect((await db.membership.findFirstOrThrow({ where: { userId: fran } })).role).toBe("facilitator");
  });

  it("allowed domains and groups apply at every sign-in; mapped groups set the role", async () => {
    const { resolveSsoSignIn } = await import("./sso");
    const { db } = await import("@/lib/db/client");
    const p = policy({ allowedDomains: ["corp.example"], allowedGroups: ["sre"], groupRoles: new Map([["sre-leads", "facilitator"]]) });
    expect((await resolveSsoSignIn({ issuer: ISS, subject: "d1", email: "x@gmail.example", emailVerified: true, groups: ["sre"] }, { policy: p }).catch((x) => x)).fieldErrors.sso).toBe("SsoDomain");
    expect((await resolveSsoSignIn({ issuer: ISS, subject: "g1", email: "g@corp.example", emailVerified: true, groups: ["marketing"] }, { policy: p }).catch((x) => x)).fieldErrors.sso).toBe("SsoGroup");
    const lead = await resolveSsoSignIn({ issuer: ISS, subject: "lead", email: "lead@corp.example", emailVerified: true, groups: ["sre", "sre-leads"] }, { policy: p });
    expect((await db.membership.findFirstOrThrow({ where: { userId: lead } })).role).toBe("facilitator");
    // Removed from the allowed group: locked out, although the identity exists.
    expect((await resolveSsoSignIn({ issuer: ISS, subject: "lead", email: "lead@corp.example", emailVerified: true, groups: [] }, { policy: p }).catch((x) => x)).fieldErrors.sso).toBe("SsoGroup");
  });
});
