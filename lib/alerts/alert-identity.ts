/**
 * Which alert is which. Prometheus (its rules API and ALERTS series) and
 * Alertmanager describe one alert by its labels, but Alertmanager's copy also
 * carries the Prometheus' external labels and ALERTS adds `alertstate`. Two
 * descriptions are the same alert when they share the alertname and one
 * label set contains the other.
 */

/** Labels that describe how Prometheus stores an alert, not which alert it is. */
const NOT_IDENTITY = new Set(["__name__", "alertstate"]);

/** The labels that identify an alert (no `__name__`, no `alertstate`), sorted by name. */
export function identityLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels)
      .filter(([k, v]) => !NOT_IDENTITY.has(k) && typeof v === "string")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** A stable key: `Name{a="1",b="2"}` with the identity labels sorted. */
export function alertKey(labels: Record<string, string>): string {
  const own = identityLabels(labels);
  const { alertname = "", ...rest } = own;
  return `${alertname}{${Object.entries(rest)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",")}}`;
}

function contains(big: Record<string, string>, small: Record<string, string>): boolean {
  return Object.entries(small).every(([k, v]) => big[k] === v);
}

/** Whether two label sets describe the same alert (see the file's comment). */
export function sameAlert(a: Record<string, string>, b: Record<string, string>): boolean {
  const x = identityLabels(a);
  const y = identityLabels(b);
  if (!x.alertname || x.alertname !== y.alertname) return false;
  return contains(x, y) || contains(y, x);
}
