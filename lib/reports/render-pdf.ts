import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { AppError } from "@/lib/errors";
import { perProcess } from "@/lib/runtime/per-process";
import { createPdfRenderer, type PdfLimits } from "./pdf-queue";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";
// Playwright adds its own quiet defaults (no extensions, no background networking, --disable-dev-shm-usage…);
// these are repeated to be sure whatever Playwright's version, plus no GPU and no first-run work.
const ARGS = ["--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run"];
// A browser with nothing to print is closed after this long (its memory back to the server).
const IDLE_CLOSE_MS = 60_000;

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

/** The bounds of PDF rendering; FIREDRILL_PDF_CONCURRENCY and FIREDRILL_PDF_QUEUE override the first two. */
export function pdfLimits(): PdfLimits {
  return { concurrency: num("FIREDRILL_PDF_CONCURRENCY", 2), queue: num("FIREDRILL_PDF_QUEUE", 8), waitMs: 30_000, deadlineMs: 30_000, cacheEntries: 32, cacheBytes: 64 * 1024 * 1024 };
}

/** The Chromium binary: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM;
}

/**
 * Whether Chromium runs with its sandbox. Chromium refuses to start its
 * sandbox as root ("Running as root without --no-sandbox is not supported"),
 * so as root (the usual container) it must run without; any other user keeps
 * the sandbox, unless FIREDRILL_PDF_NO_SANDBOX=1 says the host cannot give one
 * (no unprivileged user namespaces). Playwright passes --no-sandbox itself
 * unless `chromiumSandbox` is true, so this is the one place that decides.
 */
export function chromiumSandbox(): boolean {
  if (process.env.FIREDRILL_PDF_NO_SANDBOX === "1") return false;
  return process.getuid?.() !== 0;
}

// One browser per process, reused by every render (each gets its own context);
// the renderer (queue, cache) is one per process too: report and share routes are bundled apart.
const browserState = perProcess("pdf-browser", () => ({ browser: null as Promise<Browser> | null, active: 0, idle: null as NodeJS.Timeout | null }));
const renderer = perProcess("pdf-renderer", () => createPdfRenderer(printWithChromium, pdfLimits()));

/**
 * Prints a standalone HTML document to PDF with headless Chromium (vector
 * text and SVG charts, A4, page numbers in the footer), through the
 * process's bounded renderer: a few renders at once, a short queue (then
 * RATE_LIMITED), a deadline, and one render per report `version` (defaults to
 * a hash of the document).
 */
export function renderPdf(html: string, opts: { title: string; version?: string }): Promise<Buffer> {
  const version = opts.version ?? crypto.createHash("sha256").update(html).digest("hex");
  return renderer.render(html, { title: opts.title, version });
}

async function browser(): Promise<Browser> {
  const s = browserState;
  const current = s.browser && (await s.browser.catch(() => null));
  if (current?.isConnected()) return current;
  const executablePath = chromiumPath();
  // The path comes from the environment at run time; nothing to trace at build time.
  if (!fs.existsSync(/*turbopackIgnore: true*/ executablePath)) {
    throw new AppError({
      code: "DEPENDENCY_FAILED",
      message: `PDF export needs Chromium, which was not found at ${executablePath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its binary.`,
    });
  }
  const launching = chromium.launch({ executablePath, args: ARGS, chromiumSandbox: chromiumSandbox(), timeout: 20_000 });
  s.browser = launching;
  launching.then(
    (b) => b.on("disconnected", () => s.browser === launching && (s.browser = null)),
    () => s.browser === launching && (s.browser = null),
  );
  return launching;
}

function closeWhenIdle() {
  const s = browserState;
  if (s.idle) clearTimeout(s.idle);
  s.idle = null;
  if (s.active > 0) return;
  s.idle = setTimeout(() => {
    const b = s.browser;
    s.browser = null;
    void b?.then((x) => x.close()).catch(() => undefined);
  }, IDLE_CLOSE_MS);
  s.idle.unref();
}

/** One print in its own browser context: JavaScript off, no network, closed afterwards or when `signal` aborts. */
async function printWithChromium(html: string, opts: { title: string }, signal: AbortSignal): Promise<Buffer> {
  browserState.active++;
  let context: Awaited<ReturnType<Browser["newContext"]>> | undefined;
  let settled = false;
  const abandon = () => {
    void context?.close().catch(() => undefined);
    // A Chromium that does not even close a page is stopped as a whole (the next render starts a new one).
    setTimeout(() => !settled && void browserState.browser?.then((b) => b.close()).catch(() => undefined), 5_000).unref();
  };
  signal.addEventListener("abort", abandon, { once: true });
  try {
    const b = await browser();
    // The report needs no script (charts are SVG drawn on the server): none runs, whatever the document holds.
    context = await b.newContext({ javaScriptEnabled: false, serviceWorkers: "block", acceptDownloads: false, bypassCSP: false });
    if (signal.aborted) throw signal.reason;
    const page = await context.newPage();
    // No network: the document is self-contained, and a report must not fetch anything on the server's behalf.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load", timeout: 20_000 });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#666;display:flex;justify-content:space-between"><span>${escape(opts.title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (!signal.aborted) console.error("firedrill: Chromium could not print a report:", error);
    throw new AppError({ code: "DEPENDENCY_FAILED", message: "Chromium could not print the report to PDF. Try again; if it keeps failing, the server log has the details.", cause: error });
  } finally {
    settled = true;
    signal.removeEventListener("abort", abandon);
    await context?.close().catch(() => undefined);
    browserState.active--;
    closeWhenIdle();
  }
}

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
