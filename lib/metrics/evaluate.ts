import { compare, formatValue, isGood, samplesBetween, type Point, type ProbeRole, type ProbeSpec } from "./series";

/**
 * The verdict on one probe over its window: "ok" (a steady-state probe holds,
 * an abort condition has not tripped), "breached" (the steady state does not
 * hold / the abort condition tripped), or "no-data".
 */
export interface WindowVerdict {
  state: "ok" | "breached" | "no-data";
  /** The latest sample in the window. */
  latest: number | null;
  /** How many samples the window held. */
  samples: number;
  /** One line for the timeline: "Error ratio = 0.002 < 0.01 over 30 s: holds". */
  line: string;
}

/**
 * Evaluates a probe over the window (now − windowSec, now].
 *
 * A steady-state probe holds when EVERY sample in the window satisfies its
 * comparison ("error ratio < 1% over 30 s" = for the whole 30 s). An abort
 * condition trips when every sample in the window satisfies ITS comparison
 * (it has been true for the whole window, like an alert's `for`), so one
 * noisy sample does not stop a run. No samples at all is "no-data".
 */
export function evaluateWindow(points: Point[], probe: ProbeSpec, role: ProbeRole, now: number): WindowVerdict {
  const samples = samplesBetween(points, now - probe.windowSec + 1e-9, now); // (now − window, now]
  const rule = `${probe.comparator} ${formatValue(probe.threshold)} over ${probe.windowSec} s`;
  if (samples.length === 0) return { state: "no-data", latest: null, samples: 0, line: `${probe.name}: no data from Prometheus in the last ${probe.windowSec} s` };
  const latest = samples[samples.length - 1][1];
  const allTrue = samples.every(([, v]) => compare(v, probe.comparator, probe.threshold));
  if (role === "steadyState") {
    // Report the worst sample when it fails: that is the one people need to see.
    const bad = samples.filter(([, v]) => !isGood(v, probe, role));
    const shown = bad.length ? bad[bad.length - 1][1] : latest;
    return { state: allTrue ? "ok" : "breached", latest, samples: samples.length, line: `${probe.name} = ${formatValue(shown)} ${allTrue ? "holds" : "does not hold"} (${rule})` };
  }
  return { state: allTrue ? "breached" : "ok", latest, samples: samples.length, line: `${probe.name} ${rule}: ${formatValue(latest)}` };
}
