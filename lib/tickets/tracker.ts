/**
 * A ticket tracker. The built-in tracker ships now; GitHub, GitLab and Jira
 * implement the same interface in the trackers issue.
 */
export interface TrackerTicket {
  title: string;
  body: string;
}

export interface Tracker {
  kind: "builtin" | "github" | "gitlab" | "jira";
  /** Creates the ticket and returns its key and link (null url for the built-in tracker). */
  create(ticket: TrackerTicket, sequence: number): Promise<{ key: string; url: string | null }>;
}

/** Firedrill's own tracker: tickets live in Firedrill's database, keyed FD-1, FD-2, … per GameDay. */
export const builtinTracker: Tracker = {
  kind: "builtin",
  async create(_ticket, sequence) {
    return { key: `FD-${sequence}`, url: null };
  },
};
