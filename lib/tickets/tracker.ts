import type { FollowUpStatus } from "./schemas";

/** A ticket as Firedrill sends it to a tracker. */
export interface NewTicket {
  title: string;
  /** Plain text; each tracker turns it into its own markup. */
  body: string;
  labels: string[];
  /**
   * A unique reference written into the ticket's body, so a retry can find a
   * ticket that was created although the answer never arrived.
   */
  marker: string;
}

/** A ticket as the tracker knows it. */
export interface ExternalTicket {
  key: string;
  url: string;
  /** The tracker's own word for its state, e.g. "closed (not_planned)" or "In Review". */
  state: string;
  status: FollowUpStatus;
}

/** An external tracker (GitHub, GitLab, Jira Cloud): one file per kind in lib/tickets/trackers/. */
export interface ExternalTracker {
  kind: "github" | "gitlab" | "jira";
  create(ticket: NewTicket): Promise<ExternalTicket>;
  /** The ticket created earlier with this marker (created after `since`), or null. */
  findByMarker(marker: string, since: Date): Promise<ExternalTicket | null>;
  get(key: string): Promise<ExternalTicket>;
}

/** Firedrill's own tracker: tickets live in Firedrill's database, keyed FD-1, FD-2, … per GameDay. */
export const builtinTracker = {
  kind: "builtin" as const,
  async create(_ticket: { title: string; body: string }, sequence: number): Promise<{ key: string; url: string | null }> {
    return { key: `FD-${sequence}`, url: null };
  },
};
