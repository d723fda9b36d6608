// GitHub Issues as a local fake, validated against GitHub's official OpenAPI
// description (npm package @octokit/openapi, api.github.com.json).
import fs from "node:fs";
import path from "node:path";
import { FakeTracker } from "./fake-tracker";

export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  state_reason: string | null;
  created_at: string;
  updated_at: string;
}

let spec: Record<string, unknown> | undefined;
function githubSpec() {
  spec ??= JSON.parse(fs.readFileSync(path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json"), "utf8"));
  return spec!;
}

/** A fake GitHub for one repository (`owner/repo`) accepting one token. */
export function fakeGitHub(opts: { owner: string; repo: string; token: string }) {
  const issues: GitHubIssue[] = [];
  const toJson = (fake: FakeTracker, i: GitHubIssue) => ({
    id: 1000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name, k) => ({ id: k + 1, name })),
    url: `${fake.url}/repos/${opts.owner}/${opts.repo}/issues/${i.number}`,
    html_url: `https://github.example/${opts.owner}/${opts.repo}/issues/${i.number}`,
    created_at: i.created_at,
    updated_at: i.updated_at,
  });
  const repoMatches = (p: Record<string, string>) => p.owner === opts.owner && p.repo === opts.repo;
  const notFound = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
  const fake: FakeTracker = new FakeTracker({
    name: "GitHub",
    spec: githubSpec(),
    basePath: "",
    authorised: (h) => h.authorization === `token ${opts.token}` || h.authorization === `Bearer ${opts.token}`,
    unauthorised: { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" } },
    handlers: {
      "issues/create": (r) => {
        if (!repoMatches(r.params)) return notFound;
        const b = r.body as { title: string | number; body?: string; labels?: (string | { name: string })[] };
        const now = new Date().toISOString();
        const issue: GitHubIssue = { number: issues.length + 1, title: String(b.title), body: b.body ?? "", labels: (b.labels ?? []).map((l) => (typeof l === "string" ? l : l.name)), state: "open", state_reason: null, created_at: now, updated_at: now };
        issues.push(issue);
        return { status: 201, body: toJson(fake, issue) };
      },
      "issues/list-for-repo": (r) => {
        if (!repoMatches(r.params)) return notFound;
        const since = r.query.get("since");
        const list = issues.filter((i) => !since || i.updated_at >= since).reverse();
        return { status: 200, body: list.slice(0, Number(r.query.get("per_page") ?? 30)).map((i) => toJson(fake, i)) };
      },
      "issues/get": (r) => {
        const i = repoMatches(r.params) ? issues.find((x) => x.number === Number(r.params.issue_number)) : undefined;
        return i ? { status: 200, body: toJson(fake, i) } : notFound;
      },
    },
  });
  return { fake, issues };
}

/** GitHub's answers for the faults the trackers must survive. */
export const GITHUB_RATE_LIMITED = { status: 403, headers: { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 60) }, body: { message: "API rate limit exceeded", documentation_url: "https://docs.github.com/rest/rate-limit" } };
