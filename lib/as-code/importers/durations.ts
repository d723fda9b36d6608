const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A Go duration ("90s", "1h30m", "-10m100ns", "500ms") in milliseconds, as
 * Chaos Mesh, Istio and Kubernetes write them; undefined when it is not one.
 */
export function parseGoDuration(text: string): number | undefined {
  const m = /^([-+]?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(text.trim());
  if (!m) return text.trim() === "0" ? 0 : undefined;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_MS[part[2]];
  return m[1] === "-" ? -total : total;
}

/** "2 minutes ago", "30 seconds ago" (Chaos Toolkit's Prometheus probes) in seconds; undefined otherwise. */
export function parseAgo(text: string): number | undefined {
  const m = /^(\d+)\s*(second|minute|hour)s?\s+ago$/i.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * { second: 1, minute: 60, hour: 3600 }[m[2].toLowerCase() as "second" | "minute" | "hour"];
}
