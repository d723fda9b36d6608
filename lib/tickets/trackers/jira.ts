import "server-only";
import { Version3Client } from "jira.js";
import type { ExternalTicket, ExternalTracker } from "../tracker";
import { trackerFetch, type TrackerNetwork } from "./http";

interface JiraIssue {
  key: string;
  fields?: { status?: { name?: string; statusCategory?: { key?: string } } };
}

/** Plain text as Atlassian Document Format: one paragraph per line. */
function adf(text: string) {
  return {
    type: "doc" as const,
    version: 1 as const,
    content: text.split(/\r?\n/).map((line) => ({ type: "paragraph" as const, content: line ? [{ type: "text" as const, text: line }] : [] })),
  };
}

/** Jira Cloud through jira.js (REST v3, basic auth with the account email and an API token); `project` is the project key. */
export function jiraTracker(cfg: { baseUrl: string; project: string; token: string; email: string; network?: TrackerNetwork }): ExternalTracker {
  const host = cfg.baseUrl.replace(/\/+$/, "");
  // axios' fetch adapter with the outbound guard as its fetch: the guard holds
  // the connect-time address check, the total deadline (axios' own `timeout`
  // is an idle timeout on its http adapter), the size cap and the refusal of
  // redirects, and errors reach jira.js as AxiosErrors whose cause is the OutboundError.
  const client = new Version3Client({ host, authentication: { basic: { email: cfg.email, apiToken: cfg.token } }, baseRequestConfig: { adapter: "fetch", env: { fetch: trackerFetch(cfg.network) } } });
  const toTicket = (i: JiraIssue): ExternalTicket => {
    const category = i.fields?.status?.statusCategory?.key;
    return {
      key: i.key,
      url: `${host}/browse/${i.key}`,
      state: i.fields?.status?.name ?? "created",
      status: category === "done" ? "done" : category === "indeterminate" ? "in-progress" : "open",
    };
  };
  return {
    kind: "jira",
    async create(t) {
      const created = await client.issues.createIssue({
        fields: { project: { key: cfg.project }, summary: t.title, description: adf(t.body), issuetype: { name: "Task" }, labels: t.labels.map((l) => l.replace(/\s+/g, "-")) },
      });
      return { key: created.key, url: `${host}/browse/${created.key}`, state: "created", status: "open" };
    },
    async findByMarker(marker, since) {
      // A phrase search for the marker, limited to the retry window. The window
      // is relative ("-90m") because JQL reads absolute dates in the account's time zone.
      const minutes = Math.max(1, Math.ceil((Date.now() - since.getTime()) / 60_000) + 5);
      const jql = `project = "${cfg.project}" AND text ~ "\\"${marker}\\"" AND created >= "-${minutes}m"`;
      const res = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql, fields: ["status", "description"], maxResults: 10 });
      const hit = (res.issues ?? [])[0] as JiraIssue | undefined;
      return hit ? toTicket(hit) : null;
    },
    async get(key) {
      return toTicket((await client.issues.getIssue({ issueIdOrKey: key, fields: ["status"] })) as JiraIssue);
    },
  };
}
