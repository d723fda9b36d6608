import "server-only";
import { db } from "@/lib/db/client";
import type { HttpSample } from "./http-series";

/** The requests of one HTTP probe of a run answered in (from, to] (unix seconds), oldest first. */
export async function readHttpSamples(runId: string, probeKey: string, from: number, to: number): Promise<HttpSample[]> {
  const rows = await db.httpProbeSample.findMany({ where: { runId, probeKey, at: { gt: new Date(from * 1000), lte: new Date(to * 1000) } }, orderBy: { at: "asc" }, select: { at: true, ok: true } });
  return rows.map((r) => ({ at: r.at.getTime() / 1000, ok: r.ok }));
}

/** When the run's first request of this probe was answered (unix seconds), or null before any. */
export async function firstHttpSampleAt(runId: string, probeKey: string): Promise<number | null> {
  const row = await db.httpProbeSample.findFirst({ where: { runId, probeKey }, orderBy: { at: "asc" }, select: { at: true } });
  return row ? row.at.getTime() / 1000 : null;
}

/** Stores requests HTTP probes made before the run existed (preflight), as the run's baseline. */
export async function storeHttpSamples(runId: string, samples: { probeKey: string; at: number; ok: boolean; status: number | null; latencyMs: number | null; error: string | null }[]): Promise<void> {
  if (samples.length === 0) return;
  await db.httpProbeSample.createMany({ data: samples.map((s) => ({ runId, probeKey: s.probeKey, at: new Date(s.at * 1000), ok: s.ok, status: s.status, latencyMs: s.latencyMs, error: s.error?.slice(0, 500) ?? null })) });
}
