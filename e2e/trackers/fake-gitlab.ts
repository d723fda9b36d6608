// GitLab issues as a local fake, validated against a description transcribed
// from GitLab's REST documentation (specs/gitlab-issues.transcribed.json: GitLab
// publishes no machine-readable description of its Issues API).
import fs from "node:fs";
import path from "node:path";
import { FakeTracker } from "./fake-tracker";

export interface GitLabIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  state: "opened" | "closed";
  created_at: string;
}

/** A fake GitLab for one project (id or path) accepting one token in PRIVATE-TOKEN. */
export function fakeGitLab(opts: { projectId: string; projectPath: string; token: string }) {
  const issues: GitLabIssue[] = [];
  const spec = JSON.parse(fs.readFileSync(path.resolve("e2e/trackers/specs/gitlab-issues.transcribed.json"), "utf8"));
  const toJson = (i: GitLabIssue) => ({ id: 500 + i.iid, iid: i.iid, project_id: Number(opts.projectId), title: i.title, description: i.description, labels: i.labels, state: i.state, created_at: i.created_at, web_url: `https://gitlab.example/${opts.projectPath}/-/issues/${i.iid}` });
  const ours = (p: Record<string, string>) => p.id === opts.projectId || p.id === opts.projectPath;
  const notFound = { status: 404, body: { message: "404 Project Not Found" } };
  const fake = new FakeTracker({
    name: "GitLab",
    spec,
    basePath: "/api/v4",
    authorised: (h) => h["private-token"] === opts.token,
    unauthorised: { status: 401, body: { message: "401 Unauthorized" } },
    handlers: {
      createProjectIssue: (r) => {
        if (!ours(r.params)) return notFound;
        const b = r.body as { title: string; description?: string; labels?: string };
        const issue: GitLabIssue = { iid: issues.length + 1, title: b.title, description: b.description ?? "", labels: (b.labels ?? "").split(",").filter(Boolean), state: "opened", created_at: new Date().toISOString() };
        issues.push(issue);
        return { status: 201, body: toJson(issue) };
      },
      listProjectIssues: (r) => {
        if (!ours(r.params)) return notFound;
        const search = r.query.get("search");
        const after = r.query.get("created_after");
        const list = issues.filter((i) => (!search || i.description.includes(search) || i.title.includes(search)) && (!after || i.created_at >= after));
        return { status: 200, headers: { "x-total": String(list.length), "x-page": "1", "x-total-pages": "1", "x-per-page": r.query.get("per_page") ?? "20" }, body: list.map(toJson) };
      },
      getProjectIssue: (r) => {
        const i = ours(r.params) ? issues.find((x) => x.iid === Number(r.params.issue_iid)) : undefined;
        return i ? { status: 200, body: toJson(i) } : { status: 404, body: { message: "404 Not found" } };
      },
    },
  });
  return { fake, issues };
}
