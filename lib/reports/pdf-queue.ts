import { AppError } from "@/lib/errors";

/** How much PDF rendering one server process takes on. */
export interface PdfLimits {
  /** Renders at once (each is a Chromium page: CPU and ~50–100 MB). */
  concurrency: number;
  /** Requests that may wait for a free render; beyond that the answer is 429. */
  queue: number;
  /** How long a request may wait for a free render before it is refused (429). */
  waitMs: number;
  /** Total time one render may take (browser start, layout, print); then it is abandoned. */
  deadlineMs: number;
  /** Rendered PDFs kept, by report version, and their total size. */
  cacheEntries: number;
  cacheBytes: number;
}

/** Prints one HTML document; must settle soon after `signal` aborts (the deadline passed). */
export type PrintPdf = (html: string, opts: { title: string }, signal: AbortSignal) => Promise<Buffer>;

export interface PdfRenderer {
  /**
   * The PDF of a document. `version` names the report version (a hash of its
   * model): the same version is rendered once, whoever asks and however often
   * — concurrent requests share the render, later ones get the cached file.
   */
  render(html: string, opts: { title: string; version: string }): Promise<Buffer>;
  /** What the renderer is doing now (tests, logs). */
  stats(): { running: number; waiting: number; cached: number; cachedBytes: number };
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * A bounded PDF renderer around a printer: at most `concurrency` prints at
 * once, at most `queue` requests waiting (a full queue or a long wait is
 * RATE_LIMITED with a Retry-After), a deadline on every print, and a cache
 * of finished PDFs by report version (LRU, bounded by count and bytes).
 */
export function createPdfRenderer(print: PrintPdf, limits: PdfLimits): PdfRenderer {
  let running = 0;
  const waiting: Waiter[] = [];
  const inFlight = new Map<string, Promise<Buffer>>();
  const cache = new Map<string, Buffer>();
  let cachedBytes = 0;
  // Recent render times, for an honest Retry-After.
  let averageMs = 5_000;

  const retryAfterSec = () => Math.max(1, Math.ceil((averageMs * (waiting.length + running + 1)) / limits.concurrency / 1000));
  const busy = () =>
    new AppError({
      code: "RATE_LIMITED",
      message: `The server is already rendering ${running} PDF${running === 1 ? "" : "s"} with ${waiting.length} waiting. Try again in ${retryAfterSec()} s, or download the HTML or Markdown version now.`,
      retryAfterSec: retryAfterSec(),
    });

  function acquire(): Promise<void> {
    if (running < limits.concurrency) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= limits.queue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          running++;
          resolve();
        },
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(busy());
        }, limits.waitMs),
      };
      waiting.push(waiter);
    });
  }

  function release() {
    running--;
    waiting.shift()?.start();
  }

  function remember(key: string, pdf: Buffer) {
    if (pdf.length > limits.cacheBytes) return;
    cache.set(key, pdf);
    cachedBytes += pdf.length;
    for (const [k, v] of cache) {
      if (cache.size <= limits.cacheEntries && cachedBytes <= limits.cacheBytes) break;
      cache.delete(k);
      cachedBytes -= v.length;
    }
  }

  async function printWithDeadline(html: string, opts: { title: string }): Promise<Buffer> {
    const controller = new AbortController();
    const started = Date.now();
    // The slot is held until the print itself settles (the printer closes its
    // page on abort), so abandoned renders never add up past the cap.
    const printing = print(html, opts, controller.signal);
    printing.then(release, release);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new AppError({ code: "DEPENDENCY_FAILED", message: `Rendering the PDF took longer than ${Math.round(limits.deadlineMs / 1000)} s and was stopped. Try again, or download the HTML version.` }));
      }, limits.deadlineMs);
    });
    try {
      const pdf = await Promise.race([printing, deadline]);
      averageMs = Math.round(averageMs * 0.7 + (Date.now() - started) * 0.3);
      return pdf;
    } finally {
      clearTimeout(timer);
    }
  }

  async function renderOnce(key: string, html: string, opts: { title: string }): Promise<Buffer> {
    await acquire();
    const pdf = await printWithDeadline(html, opts);
    remember(key, pdf);
    return pdf;
  }

  return {
    render(html, opts) {
      const key = `${opts.version}\n${opts.title}`;
      const hit = cache.get(key);
      if (hit) {
        // Most recently used goes last.
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit);
      }
      const pending = inFlight.get(key);
      if (pending) return pending;
      const job = renderOnce(key, html, { title: opts.title }).finally(() => inFlight.delete(key));
      inFlight.set(key, job);
      return job;
    },
    stats: () => ({ running, waiting: waiting.length, cached: cache.size, cachedBytes }),
  };
}
