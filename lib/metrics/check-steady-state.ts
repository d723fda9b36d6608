import "server-only";
import type { ProbedExperiment } from "./probe-series";
import { evaluateWindow } from "./evaluate";
import { fetchProbeSeries, probesOf } from "./probe-series";
import { alignRange, chooseStep } from "./series";
import { sourceForExperiment } from "./sources";

/**
 * Preflight: evaluates every steady-state probe over its window right now.
 * It holds only when every probe holds; no data, a failing query or an
 * unreachable Prometheus do not hold either (nothing proves the system is
 * steady), each with a line saying why.
 */
export async function checkSteadyStateNow(experiment: ProbedExperiment, now = Date.now() / 1000): Promise<{ holds: boolean; lines: string[] }> {
  const probes = probesOf(experiment).filter((p) => p.role === "steadyState");
  if (probes.length === 0) return { holds: true, lines: [] };
  const source = await sourceForExperiment(experiment);
  if (!source) return { holds: false, lines: ["No metrics source is configured, so the steady state cannot be checked."] };
  const lines: string[] = [];
  let holds = true;
  const byWindow = await Promise.all(
    probes.map(async (p) => {
      const step = chooseStep(p.windowSec, 300, 1);
      const r = alignRange(now - p.windowSec, now, step);
      return (await fetchProbeSeries(source.endpoint, [p], r.from, r.to, step))[0];
    }),
  );
  for (const s of byWindow) {
    if (s.error !== null) {
      holds = false;
      lines.push(`${s.probe.name}: ${s.error}`);
      continue;
    }
    const last = s.points.length ? s.points[s.points.length - 1][0] : now;
    const v = evaluateWindow(s.points, s.probe, "steadyState", last);
    if (v.state !== "ok") holds = false;
    lines.push(v.line);
  }
  return { holds, lines };
}
