// A follow-up filed through the real server action, on a request whose Host
// and X-Forwarded-Host an attacker chose: the ticket that reaches the tracker
// (a fake GitHub) links back only to the configured public URL, or nowhere.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeGitHub } from "@/e2e/trackers/fake-github";
import type { SessionUser } from "@/lib/auth/session-user";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-backlinks-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
// The fake GitHub listens on loopback, which outbound calls may reach only when allowed.
process.env.FIREDRILL_OUTBOUND_ALLOW = "trackers=127.0.0.1";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/app/_server/session", () => ({ getSessionUser: async () => session.user }));

const gh = fakeGitHub({ owner: "acme", repo: "shop", token: "ghp_right" });
let gameDayId: string;
let createFollowUpAction: typeof import("./actions").createFollowUpAction;

beforeAll(async () => {
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  await gh.fake.start();
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { saveTrackerSettings } = await import("@/lib/tickets/tracker-settings");
  const { userId } = await provisionUser({ email: "ada@example.com", name: "Ada" });
  const me = (await loadSessionUser(userId))!;
  session.user = { ...me, role: "admin" };
  gameDayId = (await createGameDay(me, { title: "Checkout", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  await saveTrackerSettings(me, { kind: "github", baseUrl: gh.fake.url, project: "acme/shop", accountEmail: "", token: "ghp_right", labels: "firedrill" });
  ({ createFollowUpAction } = await import("./actions"));
}, 60_000);

afterAll(async () => {
  await gh.fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  delete process.env.FIREDRILL_PUBLIC_URL;
  delete process.env.NEXTAUTH_URL;
});

async function file(title: string) {
  const res = await createFollowUpAction(null, { gameDayId, title, body: "What was found", labels: "" });
  expect(res).toMatchObject({ ok: true });
  const issue = gh.issues.find((i) => i.title === title);
  expect(issue).toBeDefined();
  return issue!.body;
}

describe("links back from filed tickets", () => {
  it("without a configured public URL, a crafted Host / X-Forwarded-Host puts no link in the ticket", async () => {
    const body = await file("Alert on checkout errors");
    expect(body).not.toContain("evil.example");
    expect(body).not.toMatch(/https?:\/\//);
    expect(body).toContain("Firedrill reference: firedrill-follow-up:");
  });

  it("with FIREDRILL_PUBLIC_URL, the link is on it whatever the request's Host says", async () => {
    process.env.FIREDRILL_PUBLIC_URL = "https://firedrill.example.com/";
    const body = await file("Runbook for checkout");
    expect(body).not.toContain("evil.example");
    expect(body).toContain(`Report: https://firedrill.example.com/gamedays/${gameDayId}/report`);
  });

  it("NEXTAUTH_URL serves when FIREDRILL_PUBLIC_URL is not set", async () => {
    process.env.NEXTAUTH_URL = "https://sso.firedrill.example.com";
    const body = await file("Page the secondary");
    expect(body).not.toContain("evil.example");
    expect(body).toContain(`Report: https://sso.firedrill.example.com/gamedays/${gameDayId}/report`);
  });
});
