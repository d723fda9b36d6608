import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { asAdmin, signIn, signOut, ADMIN, unique } from "../support/app";
import { gameDayWithFindings } from "../trackers/gameday-with-findings";

// The browser boundary: every response carries the security headers, and
// every page of the loop (sign-in, sign-up, board, experiments, a run with
// its charts, presenter, report, share page, PDF export) runs under the
// Content-Security-Policy without one violation or console error.
const SHOTS = path.resolve("test-results/security");

interface Watch {
  violations: { page: string; directive: string; blocked: string; sample: string }[];
  errors: string[];
}

/** Records CSP violations (the page's own securitypolicyviolation events) and console errors of every page in a context. */
async function watch(context: BrowserContext): Promise<Watch> {
  const w: Watch = { violations: [], errors: [] };
  await context.exposeBinding("__firedrillCsp", (_source, v: Watch["violations"][number]) => void w.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __firedrillCsp: (v: unknown) => void }).__firedrillCsp;
      report({ page: location.pathname, directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  // A 404 the spec asks for (the not-found page) or the browser's favicon probe is not a page error.
  context.on("console", (m) => m.type() === "error" && !/status of 404/.test(m.text()) && w.errors.push(`${m.location().url}: ${m.text()}`));
  context.on("weberror", (e) => w.errors.push(`page error: ${e.error().message}`));
  return w;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const d of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'", "img-src 'self' data:"]) expect(csp, `${what}: ${d}`).toContain(d);
  expect(csp, what).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
}

/** A statement's rows on SQLite (writes return none: better-sqlite3 refuses all() on them). */
function sqliteRows(stmt: Database.Statement, params: unknown[]): unknown[] {
  return stmt.reader ? stmt.all(...params) : (stmt.run(...params), []);
}

/** Gives a measured run a stored metric snapshot (one probe), as the engine keeps when a run with probes ends: its page then draws it with recharts. */
async function seedSnapshot(runId: string) {
  const url = process.env.DATABASE_URL ?? "file:./data/firedrill.db";
  const postgres = /^postgres(ql)?:\/\//.test(url);
  const client = postgres ? new pg.Client({ connectionString: url }) : null;
  const sqlite = postgres ? null : new Database(url.replace(/^file:/, ""), { fileMustExist: true });
  const q = async (sql: string, params: unknown[]) => (client ? (await client.query(sql.replace(/\?/g, (_m, i: number) => `$${sql.slice(0, i).split("?").length}`), params)).rows : sqliteRows(sqlite!.prepare(sql), params));
  await client?.connect();
  try {
    const [run] = (await q('SELECT "startedAt", "endedAt", "experimentSnapshot" FROM "Run" WHERE id = ?', [runId])) as { startedAt: unknown; endedAt: unknown; experimentSnapshot: unknown }[];
    const asDate = (v: unknown) => new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : (v as string | number));
    // Store dates the way this database already holds them (SQLite: as the adapter wrote them).
    const like = (d: Date) => (postgres ? d : typeof run.startedAt === "number" ? d.getTime() : d.toISOString());
    const from = asDate(run.startedAt).getTime() / 1000 - 60;
    const to = asDate(run.endedAt).getTime() / 1000 + 30;
    const probe = { name: "Checkout error ratio", query: 'sum(rate(http_requests_total{code=~"5.."}[30s]))', comparator: "<", threshold: 0.01, windowSec: 30 };
    const snapshot = typeof run.experimentSnapshot === "string" ? JSON.parse(run.experimentSnapshot) : run.experimentSnapshot;
    const points = Array.from({ length: Math.floor(to - from) + 1 }, (_, i) => [from + i, i > 60 && i < to - from - 30 ? 0.04 : 0.001]);
    await q('UPDATE "Run" SET "experimentSnapshot" = ? WHERE id = ?', [JSON.stringify({ ...snapshot, steadyState: [probe] }), runId]);
    await q(
      'INSERT INTO "RunMetricSnapshot" (id, "runId", "probeKey", name, query, comparator, threshold, "windowSec", "stepSec", points, "coversFrom", "coversTo", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [`csp${unique()}`, runId, "steadyState:0", probe.name, probe.query, probe.comparator, probe.threshold, probe.windowSec, 1, JSON.stringify(points), like(new Date(from * 1000)), like(new Date(to * 1000)), like(new Date()), like(new Date())],
    );
  } finally {
    await client?.end();
    sqlite?.close();
  }
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test("every kind of response carries the security headers, with a fresh nonce on each page", async ({ request }) => {
  const signup = await request.get("/signup", { maxRedirects: 0 });
  const page = await request.get("/signin", { maxRedirects: 0 });
  const html = await signup.text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeDefined();
  const responses = {
    "sign-up page": signup,
    "sign-in page (or its redirect)": page,
    "a page that does not exist": await request.get(`/gamedays/nope${unique()}`, { maxRedirects: 0 }),
    "share page of an unknown link": await request.get(`/share/${"x".repeat(43)}`),
    "share PDF of an unknown link": await request.get(`/share/${"x".repeat(43)}/pdf`),
    "JSON API": await request.get("/api/v1/openapi.json"),
    "static script": await request.get(chunk!),
  };
  for (const [what, res] of Object.entries(responses)) expectSecurityHeaders(res.headers(), what);
  // The nonce is new every time, and it is the one on the page's scripts.
  const nonce = (h: Record<string, string>) => /'nonce-([^']+)'/.exec(h["content-security-policy"])![1];
  expect(nonce(signup.headers())).not.toBe(nonce(page.headers()));
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(1);
  for (const attrs of scripts) if (!attrs.includes("nonce=")) expect(attrs, "only the theme script (allowed by hash) has no nonce").toBe("");
  for (const attrs of scripts.filter((a) => a.includes("nonce="))) expect(attrs).toContain(`nonce="${nonce(signup.headers())}"`);
});

test("the loop runs under the CSP with zero violations, and shared links never come from the request's host", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const seen = await watch(context);
  const page = await context.newPage();

  await asAdmin(page);
  const id = await gameDayWithFindings(page, `CSP GameDay ${unique()}`);
  const runId = /\/runs\/([\w-]+)/.exec(page.url())?.[1];
  expect(runId, `the run page after measuring (at ${page.url()})`).toBeDefined();
  await seedSnapshot(runId!);
  await page.goto(`/gamedays/${id}/runs/${runId}`);
  await expect(page.getByTestId("run-charts")).toHaveAttribute("data-state", "snapshot");
  await expect(page.getByTestId("metric-chart").locator(".recharts-line-curve").first()).toBeAttached();

  for (const p of ["", "/board", "/estimates", "/experiments", "/runs", "/results", "/library"]) {
    await page.goto(`/gamedays/${id}${p}`);
    await expect(page.locator("main")).toBeVisible();
  }

  // A filed ticket, so the report links to the tracker.
  await page.goto(`/gamedays/${id}/follow-ups`);
  const fu = page.getByRole("form", { name: "New follow-up" });
  await fu.getByLabel("Title").fill("Publish the checkout runbook");
  await fu.getByRole("button", { name: "File follow-up" }).click();
  await expect(page.getByRole("region", { name: "Tickets" })).toContainText("Publish the checkout runbook");

  const presenter = await context.newPage();
  await presenter.goto(`/gamedays/${id}/present`);
  await expect(presenter.getByTestId("presenter").getByTestId("live-status")).toHaveAttribute("data-connection", "live");
  for (const phase of ["brainstorm", "estimate", "experiments", "run"]) {
    await presenter.keyboard.press("ArrowRight");
    await expect(presenter.getByTestId("presenter")).toHaveAttribute("data-phase", phase);
  }
  await expect(presenter.getByTestId("presenter-chart").locator(".recharts-line-curve").first()).toBeAttached();
  await presenter.close();

  // A share link points at the configured public URL. (With a forged
  // X-Forwarded-Host, Next refuses the server action itself as cross-origin;
  // links built from a forged Host are covered by lib/runtime/public-url.test.ts
  // and app/gamedays/[id]/follow-ups/back-links.test.ts.)
  await page.goto(`/gamedays/${id}/report`);
  await expect(page.getByTestId("report-summary")).toBeVisible();
  await expect(page.locator("figure.chart svg")).toBeVisible();
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareUrl = (await page.getByTestId("share-url").innerText()).trim();
  expect(shareUrl).not.toContain("evil.example");
  expect(new URL(shareUrl).origin).toBe(new URL(baseURL!).origin);
  await shot(page, "report-page");
  const pdf = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  expect(fs.readFileSync((await (await pdf).path())!).subarray(0, 5).toString()).toBe("%PDF-");

  const guestContext = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const guestSeen = await watch(guestContext);
  const guest = await guestContext.newPage();
  const shared = await guest.goto(shareUrl, { referer: "https://evil.example/" });
  expectSecurityHeaders(shared!.headers(), "share page");
  await expect(guest.getByTestId("report-summary")).toBeVisible();
  await expect(guest.getByText("FD-1").first()).toBeVisible();
  expect(await guest.content()).not.toContain("evil.example");
  await shot(guest, "share-page");
  const sharedPdf = guest.waitForEvent("download");
  await guest.getByRole("link", { name: "Download PDF" }).click();
  expect(fs.readFileSync((await (await sharedPdf).path())!).subarray(0, 5).toString()).toBe("%PDF-");
  // The same report version, asked for by a crowd at once, is rendered once: nobody is told to wait.
  const crowd = await Promise.all(Array.from({ length: 50 }, () => guestContext.request.get(`${shareUrl}/pdf`)));
  expect(crowd.map((r) => r.status())).toEqual(Array(50).fill(200));

  // Sign-in and sign-up pages, signed out.
  await signOut(page);
  await page.goto("/signup");
  await expect(page.getByRole("form", { name: "Create account" })).toBeVisible();
  await signIn(page, ADMIN);
  await page.goto("/team");
  await page.goto(`/gamedays/nope${unique()}`);

  expect(seen.violations).toEqual([]);
  expect(guestSeen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(guestSeen.errors).toEqual([]);

  // The watch itself works: an injected inline handler is refused and reported.
  await page.goto("/");
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="document.title='pwned'">`));
  await expect.poll(() => seen.violations.length).toBe(1);
  expect(seen.violations[0]).toMatchObject({ page: "/", directive: expect.stringMatching(/^script-src/) });
  expect(await page.title()).not.toBe("pwned");
  await guestContext.close();
  await context.close();
});
