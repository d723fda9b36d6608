import "server-only";
import { db } from "@/lib/db/client";
import { isHttpProbe } from "@/lib/experiments/schemas";
import { perProcess } from "@/lib/runtime/per-process";
import { experimentOfRun } from "@/lib/runs/lifecycle/frozen-experiment";
import { addRunEvent, SYSTEM } from "@/lib/runs/lifecycle/timeline";
import { PROCESS_ID } from "@/lib/runs/engine/process-id";
import { probesOf } from "../probe-series";
import { AFTER_SEC } from "../run-window";
import { probeHostsOf } from "./probe-hosts-of";
import { sendHttpProbe } from "./send-http-probe";

// When each probe of each run last sent a request (this process), and which
// probes were refused, so the timeline says it once and not every second.
const sentAt = perProcess("http-probe-sent-at", () => new Map<string, number>());
const refused = perProcess("http-probe-refused", () => new Map<string, string>());

/**
 * Runs whose HTTP probes this process calls: the live runs it drives, and of
 * those it was already probing (`probing`), the ones that ended less than
 * the after window ago: recovery is measured after the revert, as with
 * Prometheus series. An ended run has no lease, so which process goes on
 * probing it is this process's memory; after a restart nobody does (the
 * after window is then short of samples, never doubled by two replicas).
 */
export async function runsToProbe(now = new Date(), probing: ReadonlySet<string> = new Set()): Promise<string[]> {
  const live = await db.run.findMany({ where: { leaseOwner: PROCESS_ID, startedAt: { not: null }, status: { in: ["running", "stopping"] } }, select: { id: true } });
  const ended = probing.size ? await db.run.findMany({ where: { id: { in: [...probing] }, endedAt: { gte: new Date(now.getTime() - AFTER_SEC * 1000) } }, select: { id: true } }) : [];
  return [...new Set([...live, ...ended].map((r) => r.id))];
}

/**
 * Sends every HTTP probe of a run that is due (its interval passed since its
 * last request), in parallel, and stores each answer as an HttpProbeSample.
 * A host the cluster does not allow is not called: the timeline says so once
 * (the probe then has no data; the run goes on, Stop still works).
 */
export async function sampleHttpProbes(runId: string, nowMs = Date.now()): Promise<number> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { experimentId: true, experimentSnapshot: true } });
  if (!run) return 0;
  const experiment = await experimentOfRun(run);
  const due = probesOf(experiment)
    .filter(isHttpProbe)
    .filter((p) => nowMs - (sentAt.get(`${runId}:${p.key}`) ?? 0) >= p.http.intervalSec * 1000 - 50);
  if (due.length === 0) return 0;
  const hosts = await probeHostsOf(experiment.clusterId);
  const results = await Promise.all(
    due.map(async (p) => {
      sentAt.set(`${runId}:${p.key}`, nowMs);
      return { p, r: await sendHttpProbe(p.http, hosts) };
    }),
  );
  let stored = 0;
  for (const { p, r } of results) {
    const key = `${runId}:${p.key}`;
    if (r.refused) {
      if (refused.get(key) !== r.error) await addRunEvent(runId, "error", `HTTP probe ${p.name} cannot call ${p.http.url}: ${r.error} It has no data; the run goes on, Stop still works.`, SYSTEM, { httpProbe: p.key });
      refused.set(key, r.error);
      continue;
    }
    if (refused.delete(key)) await addRunEvent(runId, "status", `HTTP probe ${p.name} calls ${p.http.url} again`, SYSTEM, { httpProbe: p.key });
    await db.httpProbeSample.create({ data: { runId, probeKey: p.key, at: new Date(r.at * 1000), ok: r.ok, status: r.status, latencyMs: r.latencyMs, error: r.error?.slice(0, 500) ?? null } });
    stored++;
  }
  return stored;
}

/** Drops this process's memory of a run's probes (it left the probing window). */
export function forgetHttpProbes(runId: string): void {
  for (const m of [sentAt, refused]) for (const k of m.keys()) if (k.startsWith(`${runId}:`)) m.delete(k);
}
