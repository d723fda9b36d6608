// An HTTP probe's value is its success ratio over its window, computed from
// the requests Firedrill made (HttpProbeSample rows). Pure, so the chart, the
// abort check, preflight and the snapshot agree on what the value was.
import { compare, formatValue, type Point, type ProbeRole, type ProbeSpec } from "../series";
import type { WindowVerdict } from "../evaluate";

/** One request of an HTTP probe: when it was answered (unix seconds) and whether it succeeded. */
export interface HttpSample {
  at: number;
  ok: boolean;
}

/** The requests with from < at ≤ to. */
function within(samples: HttpSample[], from: number, to: number): HttpSample[] {
  return samples.filter((s) => s.at > from && s.at <= to);
}

/** The success ratio (0–1) of the requests in (t − windowSec, t], or null when there were none. */
export function successRatioAt(samples: HttpSample[], t: number, windowSec: number): number | null {
  const w = within(samples, t - windowSec, t);
  return w.length ? w.filter((s) => s.ok).length / w.length : null;
}

/**
 * The probe's series on a step grid from `from` to `to`: at each point the
 * success ratio over the window ending there (what the abort check saw at
 * that moment); null where no request falls in that window.
 */
export function httpProbeSeries(samples: HttpSample[], windowSec: number, from: number, to: number, step: number): Point[] {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  const points: Point[] = [];
  for (let t = from; t <= to + 1e-9; t += step) points.push([Math.round(t * 1000) / 1000, successRatioAt(sorted, t, windowSec)]);
  return points;
}

/**
 * The verdict on an HTTP probe at `now`: its success ratio over
 * (now − windowSec, now] compared with its threshold. A steady-state probe
 * holds while the comparison is true; an abort condition trips when it is
 * true. An abort condition needs a full window of requests before it may
 * trip (`since`: when the run's probing began), so the first failed request
 * of a run does not stop it, as an alert's `for` would not fire.
 */
export function evaluateHttpWindow(samples: HttpSample[], probe: ProbeSpec, role: ProbeRole, now: number, since: number | null = null): WindowVerdict {
  const w = within(samples, now - probe.windowSec, now);
  const rule = `${probe.comparator} ${formatValue(probe.threshold)} over ${probe.windowSec} s`;
  if (w.length === 0) return { state: "no-data", latest: null, samples: 0, line: `${probe.name}: no HTTP request answered in the last ${probe.windowSec} s` };
  const ok = w.filter((s) => s.ok).length;
  const ratio = ok / w.length;
  const holds = compare(ratio, probe.comparator, probe.threshold);
  const seen = `${ok} of ${w.length} request${w.length === 1 ? "" : "s"} succeeded (${formatValue(ratio)})`;
  if (role === "steadyState") return { state: holds ? "ok" : "breached", latest: ratio, samples: w.length, line: `${probe.name}: ${seen} ${holds ? "holds" : "does not hold"} (${rule})` };
  const full = since === null || now - since >= probe.windowSec;
  return { state: holds && full ? "breached" : "ok", latest: ratio, samples: w.length, line: `${probe.name} ${rule}: ${seen}${holds && !full ? ", window not full yet" : ""}` };
}
