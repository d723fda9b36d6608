// `npm run bench metrics`: live metrics on a run page, against the real app
// (the production build, `next start`), the test bed's real Prometheus and
// real HTTP clients polling /api/runs/<id>/metrics the way the run page does
// (every second, with a signed-in session).
//  - Freshness: the probe is `timestamp(demo_service_ready_replicas)`, whose
//    value IS the scrape time of the newest sample; freshness = when a client
//    first receives a sample − when it was scraped. Reported against the
//    scrape interval (1 s) and beside the floor: a client polling Prometheus'
//    own /api/v1/query at the same rate over the same minute.
//  - Server cost with 50 viewers of one run vs 1 viewer, same duration: app
//    CPU seconds (from /proc), response times, and Prometheus range queries
//    the app made (Prometheus' own prometheus_http_requests_total counter).
// Needs a build in NEXT_DIST_DIR (default .next) and brings the test bed up
// (the ports of the environment) unless it already is, and down if it did.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.BENCH_METRICS_PORT ?? 3320);
const BASE = `http://127.0.0.1:${PORT}`;
const SCRAPE_SEC = 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN);
const r3 = (n: number) => Math.round(n * 1000) / 1000;

function bedUp(): boolean {
  try {
    execFileSync("bash", [path.join(root, "e2e/testbed/testbed.sh"), "status"], { stdio: "ignore" });
    return false;
  } catch {
    execFileSync("bash", [path.join(root, "e2e/testbed/testbed.sh"), "up"], { stdio: "inherit" });
    return true;
  }
}

/** CPU seconds used so far by a process and its descendants. */
function cpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const all = [pid, ...descendants(pid)];
  let total = 0;
  for (const p of all) {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // exited
    }
  }
  return total;
}
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid === pid) out.push(Number(d), ...descendants(Number(d)));
    } catch {
      // gone
    }
  }
  return out;
}

async function signIn(email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const i = kv.indexOf("=");
      jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  };
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email, password, json: "true" }) });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return cookie();
}

async function promCounter(prom: string, handler: string): Promise<number> {
  const res = await fetch(`${prom}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query: `sum(prometheus_http_requests_total{handler="${handler}"})` }) });
  const j = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(j.data.result[0]?.value[1] ?? 0);
}

/** Polls like a page: every second, the newest sample's scrape time, and when it was first seen. */
async function pollFreshness(fetchLatest: () => Promise<number | null>, durationMs: number): Promise<number[]> {
  const seen = new Set<number>();
  const lags: number[] = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    const t0 = Date.now();
    const scrapedAt = await fetchLatest().catch(() => null);
    const now = Date.now() / 1000;
    if (scrapedAt !== null && !seen.has(scrapedAt)) {
      if (seen.size > 0) lags.push(now - scrapedAt); // the first one may be old: not a freshness
      seen.add(scrapedAt);
    }
    await sleep(Math.max(0, 1000 - (Date.now() - t0)));
  }
  return lags;
}

async function viewers(n: number, cookie: string, runId: string, durationMs: number) {
  const times: number[] = [];
  let errors = 0;
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      await sleep((1000 * i) / n); // screens do not poll in lockstep
      while (Date.now() < end) {
        const t = performance.now();
        const res = await fetch(`${BASE}/api/runs/${runId}/metrics`, { headers: { cookie } }).catch(() => null);
        if (!res?.ok) errors++;
        await res?.arrayBuffer();
        const ms = performance.now() - t;
        times.push(ms);
        await sleep(Math.max(0, 1000 - ms));
      }
    }),
  );
  return { requests: times.length, errors, p50Ms: Math.round(pct(times, 50)), p95Ms: Math.round(pct(times, 95)) };
}

export default async function bench() {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NEXT_DIST_DIR=${distDir} npx next build\` first`);
  const startedBed = bedUp();
  const bed = JSON.parse(fs.readFileSync(process.env.TESTBED_ENV ?? path.join(root, "e2e/testbed/.state/env.json"), "utf8")) as { prometheus: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-bench-metrics-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.FIREDRILL_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { cwd: root, env: process.env, stdio: "ignore" });
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
    const { hashPassword } = await import("@/lib/auth/password");
    const { createSource, createSourceSchema } = await import("@/lib/metrics/sources");
    const { createGameDay } = await import("@/lib/gameday/gamedays");
    const { saveExperiment } = await import("@/lib/experiments/experiments");
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { startRun } = await import("@/lib/runs/runs");
    const email = "bench-metrics@firedrill.test";
    const password = "bench metrics password";
    const { userId } = await provisionUser({ email, name: "Bench", passwordHash: await hashPassword(password) });
    const user = (await loadSessionUser(userId))!;
    await createSource(user, createSourceSchema.parse({ name: "Bed Prometheus", url: bed.prometheus }));
    const gameDayId = (await createGameDay(user, { title: "bench metrics", goals: "g", systemUnderTest: "s", scheduledFor: new Date() })).id;
    // A people experiment: a live run with probes that touches no cluster, so the benchmark measures metrics only.
    const scrapeTime: { name: string; query: string; comparator: ">"; threshold: number; windowSec: number } = { name: "Newest scrape", query: 'timestamp(demo_service_ready_replicas{service="checkout"})', comparator: ">", threshold: 0, windowSec: 5 };
    const errorRatio = { name: "Error ratio", query: '(sum(rate(http_requests_total{service="checkout",code=~"5.."}[30s])) or vector(0)) / sum(rate(http_requests_total{service="checkout"}[30s]))', comparator: "<" as const, threshold: 0.01, windowSec: 30 };
    const { id: experimentId } = await saveExperiment(user, experimentSchema.parse({ gameDayId, title: "watch", hypothesis: "h", faults: [{ kind: "people-staycation", params: { person: "p", covers: "q" } }], durationSec: 3600, steadyState: [scrapeTime, errorRatio] }));
    const { runId } = await startRun(user, experimentId);

    server = spawn("bash", [path.join(root, "scripts/e2e-server.sh"), String(PORT)], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir }, stdio: "ignore" });
    for (let i = 0; ; i++) {
      if ((await fetch(`${BASE}/signin`).catch(() => null))?.ok) break;
      if (i > 120) throw new Error("the app did not start");
      await sleep(500);
    }
    const cookie = await signIn(email, password);
    const latestFromApp = async () => {
      const v = (await (await fetch(`${BASE}/api/runs/${runId}/metrics`, { headers: { cookie } })).json()) as { probes: { key: string; points: [number, number | null][] }[] };
      const pts = v.probes.find((p) => p.key === "steadyState:0")?.points ?? [];
      return pts.findLast((p) => p[1] !== null)?.[1] ?? null;
    };
    const latestFromProm = async () => {
      const res = await fetch(`${bed.prometheus}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query: scrapeTime.query }) });
      const j = (await res.json()) as { data: { result: { value: [number, string] }[] } };
      return j.data.result.length ? Number(j.data.result[0].value[1]) : null;
    };
    await latestFromApp(); // warm the route

    const FRESH_MS = 60_000;
    const [appLags, promLags] = await Promise.all([pollFreshness(latestFromApp, FRESH_MS), pollFreshness(latestFromProm, FRESH_MS)]);

    const serverPid = server.pid!;
    const LOAD_MS = 30_000;
    const measure = async (n: number) => {
      const cpu0 = cpuSeconds(serverPid);
      const q0 = await promCounter(bed.prometheus, "/api/v1/query_range");
      const r = await viewers(n, cookie, runId, LOAD_MS);
      const cpu = cpuSeconds(serverPid) - cpu0;
      const q = (await promCounter(bed.prometheus, "/api/v1/query_range")) - q0;
      return { viewers: n, ...r, appCpuSec: r3(cpu), appCpuPerSec: r3(cpu / (LOAD_MS / 1000)), prometheusRangeQueries: q, prometheusQueriesPerSec: r3(q / (LOAD_MS / 1000)) };
    };
    const one = await measure(1);
    const fifty = await measure(50);
    const summary = (xs: number[]) => ({ samples: xs.length, medianSec: r3(pct(xs, 50)), p95Sec: r3(pct(xs, 95)), maxSec: r3(Math.max(...xs)) });
    const app = summary(appLags);
    const floor = summary(promLags);
    return {
      scrapeIntervalSec: SCRAPE_SEC,
      probes: 2,
      freshness: { page: app, floorPrometheusDirect: floor, medianInScrapeIntervals: r3(app.medianSec / SCRAPE_SEC), p95InScrapeIntervals: r3(app.p95Sec / SCRAPE_SEC), ratioToFloorMedian: r3(app.medianSec / floor.medianSec) },
      serverCost: { one, fifty, cpuRatio50to1: r3(fifty.appCpuSec / Math.max(one.appCpuSec, 0.01)), prometheusQueryRatio50to1: r3(fifty.prometheusRangeQueries / Math.max(one.prometheusRangeQueries, 1)) },
    };
  } finally {
    if (server?.pid) {
      for (const p of descendants(server.pid)) {
        try {
          process.kill(p, "SIGTERM");
        } catch {
          // gone
        }
      }
      server.kill("SIGTERM");
    }
    if (startedBed) execFileSync("bash", [path.join(root, "e2e/testbed/testbed.sh"), "down"], { stdio: "inherit" });
  }
}
