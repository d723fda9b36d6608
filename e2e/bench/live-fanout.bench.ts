// `npm run bench live`: how long a change takes to reach 50 connected screens,
// and what 50 watching screens cost the server, against the same measurements
// with 1 screen (the floor), in the same run, on the production build.
//
// A "screen" here does exactly what a browser tab of the board does on the
// wire: it holds the GameDay's server-sent-event feed open and, on each
// change, refetches the board's React Server Component payload (what
// router.refresh() requests). It is reached when that refetch contains the new
// card. Real Chromium tabs would measure 50 page renders on 2 cores instead
// of the server. The change itself is made by a real facilitator in Chromium
// (the "Add card" form, a server action).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium, type Page } from "playwright-core";

const PORT = Number(process.env.BENCH_LIVE_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = ".next-bench";
const CHANGES = 10;
const TICK_MS = 10; // /proc/<pid>/stat counts CPU in ticks of 1/USER_HZ = 1/100 s on Linux

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** CPU ticks (user+system) and resident memory of a process and all its descendants, from /proc. */
function usage(rootPid: number): { ticks: number; rssBytes: number } {
  const procs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const parent = new Map<number, number>();
  const stat = new Map<number, string[]>();
  for (const p of procs) {
    try {
      const raw = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(p), Number(fields[1]));
      stat.set(Number(p), fields);
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; p = parent.get(p) ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  let ticks = 0;
  let rssBytes = 0;
  for (const [pid, f] of stat) {
    if (!inTree(pid)) continue;
    ticks += Number(f[11]) + Number(f[12]); // utime, stime
    rssBytes += Number(f[21]) * 4096; // rss pages
  }
  return { ticks, rssBytes };
}

/** One connected screen: the SSE feed plus a board refetch per change. */
class Screen {
  private abort = new AbortController();
  private buffer = "";
  ready: Promise<void>;
  private markReady!: () => void;
  reached = new Map<string, number>();
  private waiting: string | null = null;

  constructor(
    private readonly gameDayId: string,
    private readonly cookie: string,
  ) {
    this.ready = new Promise((r) => (this.markReady = r));
  }

  expect(title: string) {
    this.waiting = title;
  }

  async open() {
    const res = await fetch(`${BASE}/api/live/${this.gameDayId}`, { headers: { cookie: this.cookie, accept: "text/event-stream" }, signal: this.abort.signal });
    if (!res.ok || !res.body) throw new Error(`live feed answered ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          this.buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = this.buffer.indexOf("\n\n")) >= 0) {
            const frame = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(frame)?.[1];
            if (event === "hello") this.markReady();
            if (event === "change") void this.refetch();
          }
        }
      } catch {
        // Closed by close().
      }
    })();
  }

  private async refetch() {
    const title = this.waiting;
    const res = await fetch(`${BASE}/gamedays/${this.gameDayId}/board`, { headers: { cookie: this.cookie, RSC: "1" } });
    const body = await res.text();
    if (title && body.includes(title) && !this.reached.has(title)) this.reached.set(title, performance.now());
  }

  close() {
    this.abort.abort();
  }
}

async function addCard(page: Page, title: string) {
  const form = page.getByRole("form", { name: "Add failure mode" });
  await form.getByLabel("Failure mode").fill(title);
  await form.getByLabel("Where is it injected?").selectOption("containers");
  const t0 = performance.now();
  await form.getByRole("button", { name: "Add card" }).click();
  return t0;
}

async function measure(page: Page, gameDayId: string, cookie: string, screens: number, serverPid: number) {
  const all = Array.from({ length: screens }, () => new Screen(gameDayId, cookie));
  await Promise.all(all.map((s) => s.open()));
  await Promise.all(all.map((s) => s.ready));
  await sleep(2000); // let the connections settle

  // Idle: the screens only hold their feeds open.
  const idle0 = usage(serverPid);
  const idleStart = performance.now();
  await sleep(5000);
  const idle1 = usage(serverPid);
  const idleCpu = (idle1.ticks - idle0.ticks) * TICK_MS / (performance.now() - idleStart);

  const lastScreen: number[] = [];
  const everyScreen: number[] = [];
  const busy0 = usage(serverPid);
  let peakRss = busy0.rssBytes;
  for (let i = 0; i < CHANGES; i++) {
    const title = `Bench card ${screens}-${i}-${Date.now().toString(36)}`;
    for (const s of all) s.expect(title);
    const t0 = await addCard(page, title);
    const deadline = performance.now() + 30_000;
    while (all.some((s) => !s.reached.has(title))) {
      if (performance.now() > deadline) throw new Error(`${all.filter((s) => !s.reached.has(title)).length} of ${screens} screens never saw "${title}"`);
      peakRss = Math.max(peakRss, usage(serverPid).rssBytes);
      await sleep(5);
    }
    const times = all.map((s) => s.reached.get(title)! - t0);
    everyScreen.push(...times);
    lastScreen.push(Math.max(...times));
    await sleep(300);
  }
  const busy1 = usage(serverPid);
  for (const s of all) s.close();
  await sleep(1000);
  return {
    screens,
    changes: CHANGES,
    lastScreenMs: { p50: round(pct(lastScreen, 50)), p95: round(pct(lastScreen, 95)), max: round(Math.max(...lastScreen)) },
    perScreenMs: { p50: round(pct(everyScreen, 50)), p95: round(pct(everyScreen, 95)) },
    server: {
      idleCpuPercentOfOneCore: round(idleCpu * 100, 2),
      cpuMsPerChange: round(((busy1.ticks - busy0.ticks) * TICK_MS) / CHANGES),
      rssMiBIdle: round(idle1.rssBytes / 2 ** 20),
      rssMiBPeak: round(peakRss / 2 ** 20),
    },
  };
}

export default async function bench() {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, DIST, "BUILD_ID"))) {
    console.log(`bench live: building the production app into ${DIST} (a few minutes)`);
    // next build adds its dist folder's types to tsconfig.json: keep the committed file as it is.
    const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"));
    try {
      execFileSync("npx", ["next", "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
    } finally {
      fs.writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-bench-live-"));
  const env = { ...process.env, NEXT_DIST_DIR: DIST, DATABASE_URL: `file:${path.join(dir, "bench.db")}` };
  const server: ChildProcess = spawn("bash", ["scripts/e2e-server.sh", String(PORT)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error("the app did not start");
      if (await fetch(`${BASE}/signin`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto("/signup");
    const form = page.getByRole("form", { name: "Create account" });
    await form.getByLabel("Your name").fill("Bench Facilitator");
    await form.getByLabel("Email").fill("bench@firedrill.test");
    await form.getByLabel("Password").fill("correct horse battery");
    await form.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "GameDays" }).waitFor();
    await page.goto("/gamedays/new");
    await page.getByLabel("Title").fill("Bench: fan-out");
    await page.getByLabel("System under test").fill("checkout");
    await page.getByLabel("Goals").fill("Measure live updates.");
    await page.getByRole("button", { name: "Create GameDay" }).click();
    await page.getByRole("heading", { name: "Bench: fan-out" }).waitFor();
    const gameDayId = page.url().split("/gamedays/")[1].split(/[/?#]/)[0];
    await page.goto(`/gamedays/${gameDayId}/board`);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    const floor = await measure(page, gameDayId, cookie, 1, server.pid!);
    const fifty = await measure(page, gameDayId, cookie, 50, server.pid!);
    const result = {
      method:
        "A facilitator adds a card in Chromium; each screen holds the SSE feed and refetches the board's RSC payload on each change; reached = that payload contains the card. Times from the click. Server CPU from /proc (next start and children). Floor: the same with 1 screen.",
      floor,
      fifty,
      ratios: {
        lastScreenP50VsOneScreen: round(fifty.lastScreenMs.p50 / floor.lastScreenMs.p50, 2),
        cpuPerChangeVsOneScreen: round(fifty.server.cpuMsPerChange / Math.max(floor.server.cpuMsPerChange, 1), 2),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
