import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createPdfRenderer, type PdfLimits, type PrintPdf } from "./pdf-queue";

const limits: PdfLimits = { concurrency: 2, queue: 3, waitMs: 5_000, deadlineMs: 5_000, cacheEntries: 4, cacheBytes: 1_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A printer that takes `ms` and records how many prints run at once. */
function fakePrinter(ms = 30) {
  const seen = { calls: 0, active: 0, maxActive: 0 };
  const print: PrintPdf = async (html, _opts, signal) => {
    seen.calls++;
    seen.active++;
    seen.maxActive = Math.max(seen.maxActive, seen.active);
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        signal.addEventListener("abort", () => (clearTimeout(t), reject(new Error("aborted"))));
      });
      return Buffer.from(`%PDF ${html}`);
    } finally {
      seen.active--;
    }
  };
  return { print, seen };
}

describe("the bounded PDF renderer", () => {
  it("runs at most `concurrency` prints, queues `queue` more and refuses the rest with RATE_LIMITED and a retry time", async () => {
    const { print, seen } = fakePrinter();
    const r = createPdfRenderer(print, limits);
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => r.render(`doc ${i}`, { title: "t", version: `v${i}` })));
    const refused = results.filter((x) => x.status === "rejected").map((x) => (x as PromiseRejectedResult).reason as AppError);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(5);
    expect(refused).toHaveLength(5);
    for (const e of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("RATE_LIMITED");
      expect(e.retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(e.message).toMatch(/Try again in \d+ s/);
    }
    expect(seen.maxActive).toBe(2);
    expect(r.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("renders one report version once: concurrent requests share the print, later ones get the cached PDF", async () => {
    const { print, seen } = fakePrinter();
    const r = createPdfRenderer(print, limits);
    const first = await Promise.all(Array.from({ length: 50 }, () => r.render("same", { title: "t", version: "v1" })));
    const later = await Promise.all(Array.from({ length: 50 }, () => r.render("same", { title: "t", version: "v1" })));
    expect(seen.calls).toBe(1);
    expect(new Set([...first, ...later].map((b) => b.toString()))).toEqual(new Set(["%PDF same"]));
    await r.render("changed", { title: "t", version: "v2" });
    expect(seen.calls).toBe(2);
  });

  it("stops a print at the deadline, says so, and frees its slot", async () => {
    const { print } = fakePrinter(60_000);
    const r = createPdfRenderer(print, { ...limits, concurrency: 1, deadlineMs: 100 });
    const started = Date.now();
    await expect(r.render("slow", { title: "t", version: "slow" })).rejects.toMatchObject({ code: "DEPENDENCY_FAILED", message: expect.stringContaining("longer than") });
    expect(Date.now() - started).toBeLessThan(2_000);
    await sleep(10);
    expect(r.stats().running).toBe(0);
  });

  it("refuses a request that waited too long for a free render", async () => {
    const { print } = fakePrinter(500);
    const r = createPdfRenderer(print, { ...limits, concurrency: 1, waitMs: 50 });
    const a = r.render("a", { title: "t", version: "a" });
    await expect(r.render("b", { title: "t", version: "b" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(a).resolves.toBeInstanceOf(Buffer);
  });

  it("keeps the cache within its count and size, dropping the least recently used", async () => {
    const { print, seen } = fakePrinter(1);
    const r = createPdfRenderer(print, { ...limits, cacheEntries: 2 });
    for (const v of ["a", "b", "a", "c"]) await r.render(v, { title: "t", version: v });
    expect(r.stats().cached).toBe(2);
    await r.render("a", { title: "t", version: "a" }); // kept: used after b
    expect(seen.calls).toBe(3);
    await r.render("b", { title: "t", version: "b" }); // dropped
    expect(seen.calls).toBe(4);
    await r.render("x".repeat(2_000), { title: "t", version: "huge" });
    expect(r.stats().cachedBytes).toBeLessThanOrEqual(1_000);
  });
});
