import "server-only";
import { isHttpProbe, type HttpProbe } from "@/lib/experiments/schemas";
import type { KeyedProbe, ProbedExperiment } from "./probe-series";
import { evaluateWindow } from "./evaluate";
import { fetchProbeSeries, probesOf } from "./probe-series";
import { alignRange, chooseStep } from "./series";
import { sourceForExperiment } from "./sources";
import { evaluateHttpWindow, type HttpSample } from "./http-probes/http-series";
import { probeHostsOf } from "./http-probes/probe-hosts-of";
import { sendHttpProbe } from "./http-probes/send-http-probe";

/** Preflight calls an HTTP probe this many times, `BURST_GAP_MS` apart: a start cannot wait a whole window. */
const BURST = 3;
const BURST_GAP_MS = 250;

/** One request preflight made, kept so the run's chart has a baseline before injection. */
export type PreflightSample = { probeKey: string; at: number; ok: boolean; status: number | null; latencyMs: number | null; error: string | null };

/** An HTTP probe in preflight: a short burst of requests now, judged as its window would be. */
async function burst(p: KeyedProbe & HttpProbe, hosts: string[]): Promise<{ holds: boolean; line: string; samples: PreflightSample[] }> {
  const samples: PreflightSample[] = [];
  for (let i = 0; i < BURST; i++) {
    if (i) await new Promise((r) => setTimeout(r, BURST_GAP_MS));
    const r = await sendHttpProbe(p.http, hosts);
    if (r.refused) return { holds: false, line: `${p.name}: ${r.error}`, samples: [] };
    samples.push({ probeKey: p.key, at: r.at, ok: r.ok, status: r.status, latencyMs: r.latencyMs, error: r.error });
  }
  const now = samples[samples.length - 1].at;
  const v = evaluateHttpWindow(samples as HttpSample[], { ...p, windowSec: now - samples[0].at + 1 }, "steadyState", now);
  return { holds: v.state === "ok", line: `${v.line.replace(/ over [\d.]+ s\)$/, ")")}, ${BURST} requests now`, samples };
}

/**
 * Preflight: evaluates every steady-state probe over its window right now.
 * It holds only when every probe holds; no data, a failing query or an
 * unreachable Prometheus do not hold either (nothing proves the system is
 * steady), each with a line saying why. An HTTP probe is called a few times
 * now (it has no history before the run); those requests are returned, for
 * the run to keep as its baseline.
 */
export async function checkSteadyStateNow(experiment: ProbedExperiment, now = Date.now() / 1000): Promise<{ holds: boolean; lines: string[]; samples: PreflightSample[] }> {
  const probes = probesOf(experiment).filter((p) => p.role === "steadyState");
  if (probes.length === 0) return { holds: true, lines: [], samples: [] };
  const promql = probes.filter((p) => !isHttpProbe(p));
  const source = promql.length ? await sourceForExperiment(experiment) : null;
  const hosts = promql.length < probes.length ? await probeHostsOf(experiment.clusterId) : [];
  const verdicts = await Promise.all(
    probes.map(async (p): Promise<{ holds: boolean; line: string; samples?: PreflightSample[] }> => {
      if (isHttpProbe(p)) return burst(p, hosts);
      if (!source) return { holds: false, line: "No metrics source is configured, so the steady state cannot be checked." };
      const step = chooseStep(p.windowSec, 300, 1);
      const r = alignRange(now - p.windowSec, now, step);
      const s = (await fetchProbeSeries(source.endpoint, [p], r.from, r.to, step))[0];
      if (s.error !== null) return { holds: false, line: `${s.probe.name}: ${s.error}` };
      const last = s.points.length ? s.points[s.points.length - 1][0] : now;
      const v = evaluateWindow(s.points, s.probe, "steadyState", last);
      return { holds: v.state === "ok", line: v.line };
    }),
  );
  return { holds: verdicts.every((v) => v.holds), lines: [...new Set(verdicts.map((v) => v.line))], samples: verdicts.flatMap((v) => v.samples ?? []) };
}
