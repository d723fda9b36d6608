// The PDF routes as an anonymous share-link holder and a signed-in member hit
// them: the real route handlers, export and bounded renderer, with Chromium
// replaced by a fake that counts how many prints run at once.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { reportFixture } from "@/lib/reports/report-fixture";

const chromiumFake = vi.hoisted(() => {
  process.env.FIREDRILL_PDF_CONCURRENCY = "2";
  process.env.FIREDRILL_PDF_QUEUE = "2";
  const seen = { launches: 0, prints: 0, active: 0, maxActive: 0, contextOptions: [] as unknown[] };
  const page = {
    route: async () => undefined,
    setContent: async () => undefined,
    emulateMedia: async () => undefined,
    pdf: async () => {
      seen.prints++;
      seen.active++;
      seen.maxActive = Math.max(seen.maxActive, seen.active);
      await new Promise((r) => setTimeout(r, 150));
      seen.active--;
      return Buffer.from("%PDF-1.7 fake");
    },
  };
  const context = { newPage: async () => page, close: async () => undefined };
  const browser = {
    isConnected: () => true,
    on: () => browser,
    close: async () => undefined,
    newPage: async () => page,
    newContext: async (opts: unknown) => (seen.contextOptions.push(opts), context),
  };
  return { seen, launch: async () => (seen.launches++, browser) };
});

vi.mock("playwright-core", () => ({ chromium: { launch: chromiumFake.launch } }));
vi.mock("@/lib/reports/share-links", () => ({
  // Each token is its own GameDay (its own report version), titled after the token.
  buildSharedReport: async (token: string) => Object.assign(reportFixture(), { generatedAt: new Date().toISOString() }, { gameDay: { ...reportFixture().gameDay, title: token } }),
}));
vi.mock("@/app/_server/session", () => ({ getSessionUser: async () => ({ id: "u1", email: "ada@example.com", name: "Ada", teamId: "t1", teamName: "T", role: "viewer" }) }));
vi.mock("@/lib/reports/build-report", () => ({
  buildReport: async (_user: unknown, id: string) => Object.assign(reportFixture(), { gameDay: { ...reportFixture().gameDay, title: `internal ${id}` } }),
}));

type Get = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let shareGet: Get;
let reportGet: Get;
const share = (token: string) => shareGet(new Request(`http://127.0.0.1/share/${token}/pdf`), { params: Promise.resolve({ token, format: "pdf" }) });
const internal = (id: string) => reportGet(new Request(`http://127.0.0.1/gamedays/${id}/report/pdf`), { params: Promise.resolve({ id, format: "pdf" }) });

beforeAll(async () => {
  shareGet = (await import("./route")).GET as Get;
  reportGet = (await import("@/app/gamedays/[id]/report/[format]/route")).GET as Get;
});

async function expectBusy(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const body = (await res.json()) as { code: string; message: string };
  expect(body.code).toBe("RATE_LIMITED");
  expect(body.message).toMatch(/Try again in \d+ s/);
}

describe("PDF routes under load", () => {
  it("answers 429 with Retry-After past the cap of the anonymous share route, and never prints more than the cap at once", async () => {
    chromiumFake.seen.maxActive = 0;
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => share(`cap-${i}`)));
    const ok = responses.filter((r) => r.status === 200);
    const busy = responses.filter((r) => r.status === 429);
    // 2 printing + 2 waiting; the other 8 are told to come back.
    expect(ok).toHaveLength(4);
    expect(busy).toHaveLength(8);
    for (const r of busy) await expectBusy(r);
    for (const r of ok) expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4).toString()).toBe("%PDF");
    expect(chromiumFake.seen.maxActive).toBeLessThanOrEqual(2);
  });

  it("bounds the signed-in report route and the share route together", async () => {
    chromiumFake.seen.maxActive = 0;
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? share(`mix-${i}`) : internal(`mix${i}`))));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(4);
    for (const r of responses.filter((r) => r.status !== 200)) await expectBusy(r);
    expect(chromiumFake.seen.maxActive).toBeLessThanOrEqual(2);
  });

  it("renders the same share link, requested 50 times, once", async () => {
    const before = chromiumFake.seen.prints;
    const first = await Promise.all(Array.from({ length: 50 }, () => share("popular")));
    const again = await Promise.all(Array.from({ length: 50 }, () => share("popular")));
    expect([...first, ...again].map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(chromiumFake.seen.prints - before).toBe(1);
  });

  it("prints in one reused browser, in contexts with JavaScript disabled", () => {
    expect(chromiumFake.seen.launches).toBe(1);
    expect(chromiumFake.seen.contextOptions.length).toBe(chromiumFake.seen.prints);
    for (const o of chromiumFake.seen.contextOptions) expect(o).toMatchObject({ javaScriptEnabled: false });
  });
});
