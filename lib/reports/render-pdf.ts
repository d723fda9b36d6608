import "server-only";
import fs from "node:fs";
import { chromium } from "playwright-core";
import { AppError } from "@/lib/errors";
import { perProcess } from "@/lib/runtime/per-process";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// One Chromium at a time: a PDF costs a browser process (~150 MB); on a small
// server a burst of downloads must queue, not fork a browser each. One queue
// per process: the report routes and the share routes are bundled apart.
const pdfQueue = perProcess("pdf-queue", () => ({ tail: Promise.resolve() as Promise<unknown> }));

/** The Chromium binary: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM;
}

/**
 * Prints a standalone HTML document to PDF with headless Chromium (vector
 * text and SVG charts, A4, page numbers in the footer). The browser is always
 * closed, even when printing fails.
 */
export async function renderPdf(html: string, opts: { title: string }): Promise<Buffer> {
  const run = pdfQueue.tail.then(() => printOnce(html, opts));
  pdfQueue.tail = run.catch(() => undefined);
  return run;
}

async function printOnce(html: string, opts: { title: string }): Promise<Buffer> {
  const executablePath = chromiumPath();
  // The path comes from the environment at run time; nothing to trace at build time.
  if (!fs.existsSync(/*turbopackIgnore: true*/ executablePath)) {
    throw new AppError({
      code: "DEPENDENCY_FAILED",
      message: `PDF export needs Chromium, which was not found at ${executablePath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its binary.`,
    });
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: ARGS, timeout: 30_000 });
    const page = await browser.newPage();
    // No network: the document is self-contained, and a report must not fetch anything on the server's behalf.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load", timeout: 30_000 });
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#666;display:flex;justify-content:space-between"><span>${escape(opts.title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
    });
    return pdf;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ code: "DEPENDENCY_FAILED", message: "Chromium could not print the report to PDF. Try again; if it keeps failing, the server log has the details.", cause: error });
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
