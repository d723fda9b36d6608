import "server-only";
import { Gitlab } from "@gitbeaker/rest";
import { createRequesterFn, GitbeakerRequestError } from "@gitbeaker/requester-utils";
import type { ExternalTicket, ExternalTracker } from "../tracker";
import type { FetchLike } from "@/lib/outbound/guarded-fetch";
import { trackerFetch, type TrackerNetwork } from "./http";

interface GitLabIssue {
  iid: number;
  web_url: string;
  state: string;
  description?: string | null;
  labels?: unknown;
}

function toTicket(i: GitLabIssue): ExternalTicket {
  const labels = Array.isArray(i.labels) ? i.labels.map(String) : [];
  return { key: `#${i.iid}`, url: i.web_url, state: i.state, status: i.state === "closed" ? "done" : labels.includes("doing") ? "in-progress" : "open" };
}

// gitbeaker's default request handler retries 429 and 502 ten times within a
// few milliseconds. A retried POST can create the issue twice, and the
// retries hide a rate limit from the user; Firedrill retries itself (after a
// lookup), so this handler makes exactly one attempt, through the outbound
// guard (which also holds the deadline and refuses redirects).
const singleAttempt = (fetch: FetchLike) => async (endpoint: string, options?: Record<string, unknown>) => {
  const { prefixUrl, searchParams, method, ...rest } = (options ?? {}) as Record<string, unknown> & { prefixUrl?: string; searchParams?: string; method?: string };
  // gitbeaker's own bookkeeping, not fetch options.
  const init = Object.fromEntries(Object.entries(rest).filter(([k]) => !["rateLimiters", "agent", "asStream"].includes(k)));
  const base = prefixUrl ? (prefixUrl.endsWith("/") ? prefixUrl : `${prefixUrl}/`) : undefined;
  const url = new URL(endpoint, base);
  url.search = searchParams ?? "";
  const request = new Request(url, { ...(init as RequestInit), method });
  const response = await fetch(request);
  if (!response.ok) {
    const description = await response.text().catch(() => "");
    throw new GitbeakerRequestError(description, { cause: { description, request, response } });
  }
  const headers = Object.fromEntries(response.headers.entries());
  const body = response.status === 204 ? null : (response.headers.get("content-type") ?? "").includes("json") ? await response.json() : await response.text();
  return { body, headers, status: response.status };
};

/** GitLab issues through @gitbeaker/rest; `project` is the project id or full path, `baseUrl` the instance (https://gitlab.com). */
export function gitlabTracker(cfg: { baseUrl: string; project: string; token: string; network?: TrackerNetwork }): ExternalTracker {
  const requesterFn = createRequesterFn((_service, options) => Promise.resolve(options), singleAttempt(trackerFetch(cfg.network)) as never);
  const api = new Gitlab({ host: cfg.baseUrl.replace(/\/+$/, ""), token: cfg.token, requesterFn } as never) as InstanceType<typeof Gitlab>;
  const projectId = /^\d+$/.test(cfg.project) ? Number(cfg.project) : cfg.project;
  return {
    kind: "gitlab",
    async create(t) {
      const issue = (await api.Issues.create(projectId, t.title, { description: t.body, labels: t.labels.join(",") })) as unknown as GitLabIssue;
      return toTicket(issue);
    },
    async findByMarker(marker, since) {
      const issues = (await api.Issues.all({ projectId, search: marker, in: "description", createdAfter: since.toISOString(), perPage: 20, maxPages: 1 } as never)) as unknown as GitLabIssue[];
      const hit = issues.find((i) => (i.description ?? "").includes(marker));
      return hit ? toTicket(hit) : null;
    },
    async get(key) {
      const issue = (await api.Issues.show(Number(key.replace(/^#/, "")), { projectId })) as unknown as GitLabIssue;
      return toTicket(issue);
    },
  };
}
