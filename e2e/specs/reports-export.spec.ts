import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/app";
import { runAndMeasure } from "../trackers/gameday-with-findings";

// The seeded demo GameDay, finished through the UI (one run measured, one
// follow-up), exported as PDF and Markdown and checked by content: the PDF's
// real text through pdftotext, and its first page rendered to an image.
const DEMO = { email: "demo@firedrill.local", password: "firedrill-demo" };
const out = path.resolve("test-results/reports");

test.beforeAll(() => {
  // The same seed script `npm run demo` uses, against the database the server runs on.
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "--tsconfig", "tsconfig.json", "scripts/seed-demo.ts"], { env: process.env, stdio: "pipe" });
  fs.mkdirSync(out, { recursive: true });
});

test("the demo GameDay's report exports to PDF and Markdown with its summary, estimate-vs-measured table and follow-ups", async ({ page, browser }) => {
  await signIn(page, DEMO);
  await page.getByRole("link", { name: /Demo: checkout resilience/ }).first().click();
  await page.waitForURL(/\/gamedays\/[\w-]+/);
  const id = page.url().split("/gamedays/")[1].split(/[/?#]/)[0];
  await runAndMeasure(page, id, "Staycation: on-call away", "Secondary could not find the checkout runbook");

  await page.goto(`/gamedays/${id}/follow-ups`);
  const fu = page.getByRole("form", { name: "New follow-up" });
  await fu.getByLabel("Title").fill("Publish the checkout runbook in the on-call handbook");
  await fu.getByRole("button", { name: "File follow-up" }).click();
  await expect(page.getByRole("region", { name: "Tickets" })).toContainText("Publish the checkout runbook");

  await page.goto(`/gamedays/${id}/report`);
  await expect(page.getByTestId("report-summary")).toContainText("The team brainstormed 5 failure modes");
  await page.screenshot({ path: path.join(out, "report-page.png") });

  // PDF: real text, in reading order.
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const pdfFile = path.join(out, "demo-report.pdf");
  await (await pdfDownload).saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
  // Layout text wraps lines and pads table columns: compare with whitespace collapsed.
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain("GameDay report: Demo: checkout resilience");
  expect(text).toMatch(/The team brainstormed 5 failure modes and ran 1 experiment run across \d+ experiments?\./);
  expect(text).toMatch(/0 of 1 hypotheses held; 1 was disproved/);
  expect(text).toContain("Estimated vs measured impact");
  expect(text).toContain("Severity 2 4 +2 levels ⚠ worse");
  expect(text).toContain("Time to recover 15 min 40 min +25 min ⚠ worse");
  expect(text).toContain("Secondary could not find the checkout runbook");
  expect(text).toContain("FD-1 Publish the checkout runbook in the on-call handbook open");
  // The summary comes first: a manager reads page 1.
  const page1 = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdfFile, "-"], { encoding: "utf8" });
  expect(page1).toContain("Summary");
  expect(page1).toContain("Key findings");
  // Page 1 as an image (looked at by a person; here: it rendered and is not blank).
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", pdfFile, path.join(out, "demo-report-page")]);
  const png = fs.readdirSync(out).find((f) => f.startsWith("demo-report-page") && f.endsWith(".png"))!;
  expect(fs.statSync(path.join(out, png)).size).toBeGreaterThan(20_000);

  // Markdown.
  const mdDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown" }).click();
  const md = fs.readFileSync((await (await mdDownload).path())!, "utf8");
  fs.writeFileSync(path.join(out, "demo-report.md"), md);
  expect(md).toContain("# GameDay report: Demo: checkout resilience");
  expect(md).toContain("0 of 1 hypotheses held; 1 was disproved.");
  expect(md).toContain("| Severity | 2 | 4 | +2 levels ⚠ worse |");
  expect(md).toContain("| FD-1 | Publish the checkout runbook in the on-call handbook | open | — |");
  expect(md).toContain("## Findings");

  // A read-only share link works without an account, and stops working when revoked.
  await page.getByLabel("Expires after (days)").fill("7");
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareUrl = (await page.getByTestId("share-url").innerText()).trim();
  const anon = await browser.newContext();
  const guest = await anon.newPage();
  await guest.goto(shareUrl);
  await expect(guest.getByTestId("report-summary")).toContainText("0 of 1 hypotheses held");
  await expect(guest.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const scripted = await anon.request.get(`${shareUrl}/markdown`);
  expect(scripted.status()).toBe(200);
  expect(await scripted.text()).toContain("| Severity | 2 | 4 | +2 levels ⚠ worse |");
  // Without the token, nothing: the signed-in route refuses anonymous callers.
  expect((await anon.request.get(`/gamedays/${id}/report/pdf`)).status()).toBe(401);

  await page.reload();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("region", { name: "Share links" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("region", { name: "Share links" })).toContainText("revoked");
  await guest.reload();
  await expect(guest.getByRole("alert").filter({ hasText: "Report not available" })).toContainText("This report link was revoked.");
  expect((await anon.request.get(`${shareUrl}/pdf`)).status()).toBe(404);
  await anon.close();
});
