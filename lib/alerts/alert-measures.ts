/** What a run's alerts measured, from the rows lib/alerts recorded (pure: for views, reports and tests). */

/** One alert as a run saw it (the RunAlert row, dates as unix seconds). */
export interface SeenAlert {
  alertname: string;
  labels: Record<string, string>;
  severity: string | null;
  pendingAt: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  inAlertmanagerAt: number | null;
  notifiedAt: number | null;
  notifications: number;
  preexisting: boolean;
}

/** Alerting measured against the fault window. */
export interface AlertMeasures {
  /** Whether alerting was watched at all (a source with alerting rules or an Alertmanager). */
  watched: boolean;
  /** Whether paging could be seen: the source had an Alertmanager receiver set up. */
  pagingWatched: boolean;
  /** Alerts that fired at or after injection (not those already firing before). */
  fired: { alertname: string; severity: string | null; firedAfterSec: number; pagedAfterSec: number | null; resolvedAfterSec: number | null }[];
  /** Alerts already firing when the faults went in: they detect nothing. */
  preexisting: string[];
  /** Injection → the first alert firing in Prometheus: detection by monitoring. */
  timeToFireSec: number | null;
  /** Injection → the first Alertmanager notification received: someone was paged. */
  timeToPageSec: number | null;
  /** The first alert firing → the last of them resolved (null while one still fires). */
  timeToResolveSec: number | null;
  didFire: boolean;
  paged: boolean;
}

/**
 * Measures a run's alerts: which fired after injection, how long until the
 * first fired (monitoring detected it) and the first notification reached
 * Firedrill's receiver (it paged), and until the last resolved.
 */
export function measureAlerts(alerts: SeenAlert[], injectedAt: number, watched: boolean, pagingWatched = true): AlertMeasures {
  const after = (t: number | null) => (t === null ? null : Math.max(0, t - injectedAt));
  const fresh = alerts.filter((a) => !a.preexisting && a.firedAt !== null && a.firedAt >= injectedAt - 1);
  const fired = fresh
    .map((a) => ({ alertname: a.alertname, severity: a.severity, firedAfterSec: after(a.firedAt) ?? 0, pagedAfterSec: after(a.notifiedAt), resolvedAfterSec: after(a.resolvedAt) }))
    .sort((a, b) => a.firedAfterSec - b.firedAfterSec);
  const min = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).reduce<number | null>((m, x) => (m === null || x < m ? x : m), null);
  const timeToFireSec = min(fired.map((f) => f.firedAfterSec));
  const pagedAt = min(alerts.filter((a) => !a.preexisting && a.notifiedAt !== null && a.notifiedAt >= injectedAt - 1).map((a) => a.notifiedAt));
  const stillFiring = fresh.some((a) => a.resolvedAt === null);
  const lastResolved = fresh.length && !stillFiring ? Math.max(...fresh.map((a) => a.resolvedAt as number)) : null;
  return {
    watched,
    pagingWatched,
    fired,
    preexisting: [...new Set(alerts.filter((a) => a.preexisting).map((a) => a.alertname))],
    timeToFireSec,
    timeToPageSec: after(pagedAt),
    timeToResolveSec: lastResolved !== null && timeToFireSec !== null ? Math.max(0, lastResolved - (injectedAt + timeToFireSec)) : null,
    didFire: fired.length > 0,
    paged: pagedAt !== null,
  };
}
