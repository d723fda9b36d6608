import "server-only";
import { Octokit } from "@octokit/rest";
import type { ExternalTicket, ExternalTracker } from "../tracker";
import { quietLog, trackerFetch, type TrackerNetwork } from "./http";

interface GitHubIssue {
  number: number;
  html_url: string;
  state: string;
  state_reason?: string | null;
  body?: string | null;
  pull_request?: unknown;
}

function toTicket(i: GitHubIssue): ExternalTicket {
  const closed = i.state === "closed";
  return {
    key: `#${i.number}`,
    url: i.html_url,
    state: closed && i.state_reason ? `closed (${i.state_reason})` : i.state,
    status: !closed ? "open" : i.state_reason === "not_planned" ? "wont-fix" : "done",
  };
}

/** GitHub Issues through @octokit/rest; `project` is "owner/repo", `baseUrl` the API root (GitHub Enterprise: https://host/api/v3). */
export function githubTracker(cfg: { baseUrl: string; project: string; token: string; network?: TrackerNetwork }): ExternalTracker {
  const [owner, repo] = cfg.project.split("/");
  // Every call goes through the outbound guard, which also holds the deadline.
  const octokit = new Octokit({ auth: cfg.token, baseUrl: cfg.baseUrl.replace(/\/+$/, ""), userAgent: "firedrill", log: quietLog, request: { fetch: trackerFetch(cfg.network) } });
  return {
    kind: "github",
    async create(t) {
      const { data } = await octokit.rest.issues.create({ owner, repo, title: t.title, body: t.body, labels: t.labels });
      return toTicket(data);
    },
    async findByMarker(marker, since) {
      // `since` filters on last update, which is never before creation: one page covers the retry window.
      const { data } = await octokit.rest.issues.listForRepo({ owner, repo, state: "all", since: since.toISOString(), sort: "created", direction: "desc", per_page: 100 });
      const hit = data.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
      return hit ? toTicket(hit) : null;
    },
    async get(key) {
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: Number(key.replace(/^#/, "")) });
      return toTicket(data);
    },
  };
}
