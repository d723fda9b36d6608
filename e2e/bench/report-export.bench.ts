// `npm run bench report`: exports the report of a GameDay with 10 experiments
// (each run, observed, stopped and measured, with a follow-up), built through
// lib on a temporary SQLite database. Each figure is a ratio against a floor
// measured in the same run:
//  - Markdown: renderMarkdown(model) vs JSON.stringify(model) of the same model;
//  - PDF: the report printed by Chromium vs Chromium printing a static HTML page
//    of the same byte size (plain paragraphs), both through lib's renderPdf.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(n: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

export default async function bench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-bench-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.FIREDRILL_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  try {
    // lib reads DATABASE_URL on first import.
    const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
    const { createGameDay } = await import("@/lib/gameday/gamedays");
    const { addFailureMode } = await import("@/lib/gameday/board");
    const { saveEstimate } = await import("@/lib/gameday/estimates");
    const { estimateSchema } = await import("@/lib/gameday/schemas");
    const { saveExperiment } = await import("@/lib/experiments/experiments");
    const { experimentSchema } = await import("@/lib/experiments/schemas");
    const { startRun, addObservation, endRun } = await import("@/lib/runs/runs");
    const { saveMeasuredImpact, measuredSchema } = await import("@/lib/runs/measured");
    const { createFollowUp } = await import("@/lib/tickets/follow-ups");
    const { buildReport } = await import("@/lib/reports/build-report");
    const { renderMarkdown } = await import("@/lib/reports/render-markdown");
    const { renderReportDocument } = await import("@/lib/reports/render-html");
    const { renderPdf } = await import("@/lib/reports/render-pdf");

    const { userId } = await provisionUser({ email: "bench@firedrill.local", name: "Bench" });
    const me = (await loadSessionUser(userId))!;
    const { id } = await createGameDay(me, { title: "Bench: ten experiments", goals: "Measure report export.", systemUnderTest: "checkout", scheduledFor: new Date() });
    for (let i = 1; i <= 10; i++) {
      const fm = await addFailureMode(me, { gameDayId: id, title: `Failure mode ${i}: someone is unavailable`, description: "People drill", injectionPoint: "people" });
      await saveEstimate(me, estimateSchema.parse({ failureModeId: fm.id, hypothesis: `Hypothesis ${i}: the team recovers within 15 minutes`, severity: 2, userImpact: "degraded", alertExpected: true, timeToDetectMin: 5, timeToRecoverMin: 15, fleetSize: "", mtbfDays: "" }));
      const exp = await saveExperiment(me, experimentSchema.parse({ gameDayId: id, title: `Experiment ${i}: staycation`, hypothesis: `Hypothesis ${i}`, failureModeIds: [fm.id], faults: [{ kind: "people-staycation", params: { person: `Person ${i}`, covers: "the secondary" } }], durationSec: 600, steadyState: [], abortConditions: [], rollbackNotes: "" }));
      const { runId } = await startRun(me, exp.id);
      for (let k = 0; k < 5; k++) await addObservation(me, runId, `Observation ${k + 1} of run ${i}: something noteworthy happened`);
      await endRun(me, runId, "stop", "Enough seen");
      await saveMeasuredImpact(me, measuredSchema.parse({ runId, severity: 1 + (i % 5), userImpact: i % 2 ? "partial-outage" : "none", alertFired: i % 3 ? "on" : "", timeToDetectMin: 3 + i, timeToRecoverMin: 10 + i * 2, hypothesisHeld: i % 2 ? "disproved" : "held", notes: `Notes for run ${i}` }));
      await createFollowUp(me, { gameDayId: id, title: `Follow-up ${i}`, body: "Fix it", runId, failureModeId: fm.id, labels: "" }, { appUrl: null });
    }

    const buildMs = await time(5, () => buildReport(me, id));
    const model = await buildReport(me, id);
    const markdownMs = await time(200, () => renderMarkdown(model));
    const jsonMs = await time(200, () => JSON.stringify(model));
    const html = renderReportDocument(model);
    const plain = `<!doctype html><html><head><meta charset="utf-8"></head><body>${"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>".repeat(Math.ceil(html.length / 86))}</body></html>`.slice(0, html.length);
    await renderPdf(plain, { title: "warm-up" }); // first launch pays for disk caches
    const pdfMs = await time(3, () => renderPdf(html, { title: "GameDay report" }));
    const floorPdfMs = await time(3, () => renderPdf(plain, { title: "GameDay report" }));
    const pdfBytes = (await renderPdf(html, { title: "GameDay report" })).length;
    const result = {
      gameDay: { experiments: model.experiments.length, runs: model.summary.runs, timelineEvents: model.experiments.flatMap((e) => e.runs).reduce((n, r) => n + r.timeline.length, 0), followUps: model.followUps.length, htmlBytes: html.length, pdfBytes },
      buildReportMs: round(buildMs),
      markdown: { ms: round(markdownMs), floorJsonStringifyMs: round(jsonMs), ratio: round(markdownMs / jsonMs) },
      pdf: { ms: round(pdfMs), floorStaticPageSameSizeMs: round(floorPdfMs), ratio: round(pdfMs / floorPdfMs) },
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
