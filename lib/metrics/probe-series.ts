import "server-only";
import { isHttpProbe, type Probe } from "@/lib/experiments/schemas";
import { httpProbeSeries } from "./http-probes/http-series";
import { readHttpSamples } from "./http-probes/read-http-samples";
import { promQueryRange, type PromEndpoint } from "./prometheus";
import type { Point, ProbeRole } from "./series";

/** What metrics need of an experiment (a frozen copy in a run, or the experiment itself). */
export interface ProbedExperiment {
  gameDayId: string;
  clusterId: string | null;
  steadyState: Probe[];
  abortConditions: Probe[];
}

/** One probe of an experiment, with the key its snapshot is stored under ("steadyState:0"). */
export interface KeyedProbe extends Probe {
  key: string;
  role: ProbeRole;
}

/** Every probe of an experiment, steady-state probes first. */
export function probesOf(experiment: { steadyState: Probe[]; abortConditions: Probe[] }): KeyedProbe[] {
  return [
    ...experiment.steadyState.map((p, i) => ({ ...p, key: `steadyState:${i}`, role: "steadyState" as const })),
    ...experiment.abortConditions.map((p, i) => ({ ...p, key: `abortConditions:${i}`, role: "abortConditions" as const })),
  ];
}

export type ProbeSeries = { probe: KeyedProbe; points: Point[]; error: null } | { probe: KeyedProbe; points: Point[]; error: string };

/**
 * Fetches the series of several probes in parallel: a PromQL probe's from
 * Prometheus (`ep`; null when no source is configured), an HTTP probe's from
 * the requests Firedrill made during `runId`. A failing Prometheus comes back
 * as an error per probe (never thrown), so callers can decide.
 */
export async function fetchProbeSeries(ep: PromEndpoint | null, probes: KeyedProbe[], from: number, to: number, step: number, timeoutMs?: number, runId: string | null = null): Promise<ProbeSeries[]> {
  return Promise.all(
    probes.map(async (probe): Promise<ProbeSeries> => {
      if (isHttpProbe(probe)) {
        if (!runId) return { probe, points: [], error: "an HTTP probe has a series only during a run" };
        const samples = await readHttpSamples(runId, probe.key, from - probe.windowSec, to);
        return { probe, points: httpProbeSeries(samples, probe.windowSec, from, to, step), error: null };
      }
      if (!ep) return { probe, points: [], error: "no metrics source is configured" };
      const r = await promQueryRange(ep, probe.query, from, to, step, timeoutMs);
      return r.ok ? { probe, points: r.data, error: null } : { probe, points: [], error: r.message };
    }),
  );
}
