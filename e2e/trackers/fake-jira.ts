// Jira Cloud as a local fake, validated against an excerpt of Atlassian's
// official OpenAPI description (specs/jira-cloud-platform.excerpt.json: the
// operations used, unchanged, with every schema they reference).
import fs from "node:fs";
import path from "node:path";
import { FakeTracker } from "./fake-tracker";

export interface JiraIssue {
  key: string;
  summary: string;
  description: unknown;
  labels: string[];
  status: { name: string; category: "new" | "indeterminate" | "done" };
  created: number;
}

const adfText = (doc: unknown): string => {
  const d = doc as { text?: string; content?: unknown[] } | null;
  if (!d) return "";
  return (d.text ?? "") + (d.content ?? []).map(adfText).join("\n");
};

/** A fake Jira Cloud site with one project, accepting basic auth email:token. */
export function fakeJira(opts: { projectKey: string; email: string; token: string }) {
  const issues: JiraIssue[] = [];
  const spec = JSON.parse(fs.readFileSync(path.resolve("e2e/trackers/specs/jira-cloud-platform.excerpt.json"), "utf8"));
  const toJson = (fake: FakeTracker, i: JiraIssue) => ({
    id: String(10000 + issues.indexOf(i)),
    key: i.key,
    self: `${fake.url}/rest/api/3/issue/${i.key}`,
    fields: { summary: i.summary, labels: i.labels, description: i.description, status: { name: i.status.name, statusCategory: { key: i.status.category } } },
  });
  const fake: FakeTracker = new FakeTracker({
    name: "Jira",
    spec,
    basePath: "",
    authorised: (h) => h.authorization === `Basic ${Buffer.from(`${opts.email}:${opts.token}`).toString("base64")}`,
    unauthorised: { status: 401, body: { errorMessages: ["Client must be authenticated to access this resource."], errors: {} } },
    handlers: {
      createIssue: (r) => {
        const f = (r.body as { fields: { project?: { key?: string }; summary?: string; description?: unknown; labels?: string[]; issuetype?: { name?: string } } }).fields;
        if (f.project?.key !== opts.projectKey) return { status: 400, body: { errorMessages: [], errors: { project: "valid project is required" } } };
        if (!f.summary) return { status: 400, body: { errorMessages: [], errors: { summary: "You must specify a summary of the issue." } } };
        const issue: JiraIssue = { key: `${opts.projectKey}-${issues.length + 1}`, summary: f.summary, description: f.description, labels: f.labels ?? [], status: { name: "To Do", category: "new" }, created: Date.now() };
        issues.push(issue);
        return { status: 201, body: { id: String(10000 + issues.length - 1), key: issue.key, self: `${fake.url}/rest/api/3/issue/${issue.key}` } };
      },
      getIssue: (r) => {
        const i = issues.find((x) => x.key === r.params.issueIdOrKey);
        return i ? { status: 200, body: toJson(fake, i) } : { status: 404, body: { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} } };
      },
      searchAndReconsileIssuesUsingJqlPost: (r) => {
        // Understands the JQL Firedrill sends: a phrase search for the marker.
        const jql = (r.body as { jql?: string }).jql ?? "";
        const phrase = /text ~ "\\"([^"\\]+)\\""/.exec(jql)?.[1];
        const hits = phrase ? issues.filter((i) => adfText(i.description).includes(phrase)) : [];
        return { status: 200, body: { issues: hits.map((i) => toJson(fake, i)), isLast: true } };
      },
    },
  });
  return { fake, issues };
}
