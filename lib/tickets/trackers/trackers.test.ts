// The tracker clients (real @octokit/rest, @gitbeaker/rest, jira.js) against
// local fake trackers that validate every request against the trackers' API
// descriptions (e2e/trackers). No mocks: real HTTP on loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeGitHub, GITHUB_RATE_LIMITED } from "@/e2e/trackers/fake-github";
import { fakeGitLab } from "@/e2e/trackers/fake-gitlab";
import { fakeJira } from "@/e2e/trackers/fake-jira";
import type { FakeTracker } from "@/e2e/trackers/fake-tracker";
import { githubTracker } from "./github";
import { gitlabTracker } from "./gitlab";
import { jiraTracker } from "./jira";
import { classifyTrackerFailure } from "../tracker-failure";
import type { ExternalTracker } from "../tracker";

const ticket = (marker: string) => ({ title: "Alert on checkout errors fires too late", body: `Measured: 12 min to detect\n\nFiredrill reference: ${marker}`, labels: ["firedrill", "gameday"], marker });

interface Case {
  name: "github" | "gitlab" | "jira";
  setup: () => { fake: FakeTracker; close: (key: string) => void };
  client: (url: string, token: string) => ExternalTracker;
  createOp: string;
  rateLimited: { status: number; headers: Record<string, string>; body: unknown };
  expectKey: RegExp;
}

const cases: Case[] = [
  {
    name: "github",
    setup: () => {
      const g = fakeGitHub({ owner: "acme", repo: "shop", token: "ghp_right" });
      return { fake: g.fake, close: (key) => Object.assign(g.issues.find((i) => `#${i.number}` === key)!, { state: "closed", state_reason: "completed" }) };
    },
    client: (url, token) => githubTracker({ baseUrl: url, project: "acme/shop", token }),
    createOp: "issues/create",
    rateLimited: GITHUB_RATE_LIMITED,
    expectKey: /^#1$/,
  },
  {
    name: "gitlab",
    setup: () => {
      const g = fakeGitLab({ projectId: "42", projectPath: "acme/shop", token: "glpat-right" });
      return { fake: g.fake, close: (key) => Object.assign(g.issues.find((i) => `#${i.iid}` === key)!, { state: "closed" }) };
    },
    client: (url, token) => gitlabTracker({ baseUrl: url, project: "acme/shop", token }),
    createOp: "createProjectIssue",
    rateLimited: { status: 429, headers: { "retry-after": "30" }, body: { message: "Retry later" } },
    expectKey: /^#1$/,
  },
  {
    name: "jira",
    setup: () => {
      const j = fakeJira({ projectKey: "OPS", email: "ada@example.com", token: "jira-right" });
      return { fake: j.fake, close: (key) => Object.assign(j.issues.find((i) => i.key === key)!, { status: { name: "Done", category: "done" } }) };
    },
    client: (url, token) => jiraTracker({ baseUrl: url, project: "OPS", email: "ada@example.com", token }),
    createOp: "createIssue",
    rateLimited: { status: 429, headers: { "retry-after": "30" }, body: { errorMessages: ["Rate limit exceeded."] } },
    expectKey: /^OPS-1$/,
  },
];

const rightToken = { github: "ghp_right", gitlab: "glpat-right", jira: "jira-right" };

describe.each(cases)("$name tracker client", (c) => {
  let fake: FakeTracker;
  let close: (key: string) => void;
  let url: string;
  beforeAll(async () => {
    ({ fake, close } = c.setup());
    url = await fake.start();
  });
  afterAll(() => fake.stop());
  afterEach(() => {
    expect(fake.violations).toEqual([]);
    fake.clearFaults();
  });

  it("creates a ticket, finds it again by its marker and reads its status", async () => {
    const t = c.client(url, rightToken[c.name]);
    const created = await t.create(ticket("firedrill-follow-up:abc123"));
    expect(created.key).toMatch(c.expectKey);
    expect(created.status).toBe("open");
    const found = await t.findByMarker("firedrill-follow-up:abc123", new Date(Date.now() - 60_000));
    expect(found?.key).toBe(created.key);
    expect(await t.findByMarker("firedrill-follow-up:nothing", new Date(Date.now() - 60_000))).toBeNull();
    close(created.key);
    expect((await t.get(created.key)).status).toBe("done");
  });

  it("reports a rejected token as unauthorized", async () => {
    const error = await c.client(url, "wrong-token").create(ticket("firedrill-follow-up:bad")).catch((e: unknown) => e);
    expect(classifyTrackerFailure(c.name, error)).toMatchObject({ code: "unauthorized" });
  });

  it("reports rate limiting with the wait the tracker asked for, after exactly one request", async () => {
    fake.fault({ operationId: c.createOp, kind: "answer", answer: c.rateLimited });
    const before = fake.count(c.createOp);
    const error = await c.client(url, rightToken[c.name]).create(ticket("firedrill-follow-up:rl")).catch((e: unknown) => e);
    const failure = classifyTrackerFailure(c.name, error);
    expect(failure.code).toBe("rate-limited");
    expect(failure.retryAfterSec).toBeGreaterThan(0);
    // No library-level retry: a retried POST could create the ticket twice.
    expect(fake.count(c.createOp) - before).toBe(1);
  });

  it("reports a server error as unavailable", async () => {
    fake.fault({ operationId: c.createOp, kind: "answer", answer: { status: 503, body: { message: "down" } } });
    const error = await c.client(url, rightToken[c.name]).create(ticket("firedrill-follow-up:5xx")).catch((e: unknown) => e);
    expect(classifyTrackerFailure(c.name, error).code).toBe("unavailable");
  });

  it("reports a tracker that does not answer as unreachable", async () => {
    const error = await c.client("http://127.0.0.1:9", rightToken[c.name]).create(ticket("firedrill-follow-up:down")).catch((e: unknown) => e);
    expect(classifyTrackerFailure(c.name, error).code).toBe("unreachable");
  });
});

describe("the fake trackers' request validation", () => {
  it("refuses requests the official API description does not allow", async () => {
    const { fake } = fakeGitHub({ owner: "acme", repo: "shop", token: "t" });
    const url = await fake.start();
    try {
      const post = (body: unknown) => fetch(`${url}/repos/acme/shop/issues`, { method: "POST", headers: { authorization: "token t", "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await post({ body: "no title" })).status).toBe(400);
      expect((await post({ title: "ok", labels: "not-an-array" })).status).toBe(400);
      expect((await fetch(`${url}/repos/acme/shop/issues?colour=red`, { headers: { authorization: "token t" } })).status).toBe(400);
      expect(fake.violations).toHaveLength(3);
      expect(fake.violations[0]).toContain("issues/create");
      expect((await post({ title: "ok", labels: ["a"] })).status).toBe(201);
      expect(fake.violations).toHaveLength(3);
    } finally {
      await fake.stop();
    }
  });
});
