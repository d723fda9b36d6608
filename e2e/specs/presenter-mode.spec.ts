import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { asAdmin, createGameDay, invite, signUp, unique } from "../support/app";
import { auditLegibility } from "../live/legibility";
import { addCard, estimate, staycation } from "../live/seed";

const SHOTS = path.resolve(process.env.PRESENTER_SHOTS_DIR ?? "test-results/presenter");
const SIZES = [
  { name: "1080p", width: 1920, height: 1080 },
  { name: "4k", width: 3840, height: 2160 },
] as const;

/** Photographs the presenter at 1080p and 4K in both themes, auditing each; returns to 1080p dark. */
async function shootAndAudit(page: Page, step: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const themeNow = async () => (await page.locator("html").getAttribute("data-theme")) ?? "dark";
  for (const theme of ["dark", "light"] as const) {
    if ((await themeNow()) !== theme) {
      await page.keyboard.press("d");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    }
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      const report = await auditLegibility(page);
      expect(report.checked, `${step} ${theme} ${size.name}: text found`).toBeGreaterThan(5);
      expect(report.issues, `${step} ${theme} ${size.name}: ${JSON.stringify(report.issues)}`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `presenter-${step}-${size.name}-${theme}.png`) });
      test.info().annotations.push({ type: "legibility", description: `${step} ${theme} ${size.name}: ${report.checked} texts, smallest ${report.smallestFontPx}px, lowest contrast ${report.lowestContrast}:1` });
    }
  }
  if ((await themeNow()) !== "dark") await page.keyboard.press("d");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.setViewportSize({ width: 1920, height: 1080 });
}

test("the legibility audit flags small and low-contrast text", async ({ page }) => {
  await page.setContent(`<div class="presenter" style="background:#fff;color:#000">
    <p style="font-size:14px;color:#999;background:#aaa">faint and small</p>
    <p data-legible="key" style="font-size:30px">key figure too small</p>
    <p style="font-size:40px">fine</p>
  </div>`);
  const report = await auditLegibility(page);
  expect(report.checked).toBe(3);
  expect(report.issues.map((i) => i.text)).toEqual(["faint and small", "key figure too small"]);
  expect(report.issues[0].contrast).toBeLessThan(4.5);
});

test("presenter mode follows the loop from the keyboard, legible at 1080p and 4K in both themes", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const fac = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } });
  const page = await fac.newPage();
  await asAdmin(page);
  const id = await createGameDay(page, `Presenter GameDay ${unique()}`);
  await addCard(page, id, "Checkout pods are killed", "containers");
  await addCard(page, id, "On-call engineer is unreachable", "people");
  await addCard(page, id, "Payment provider answers in 5 s", "external-deps");
  await page.getByRole("article", { name: "On-call engineer is unreachable" }).getByRole("button", { name: /▲ 0/ }).click();
  await expect(page.getByRole("article", { name: "On-call engineer is unreachable" }).getByRole("button", { name: /▲ 1/ })).toBeVisible();
  await estimate(page, id, "On-call engineer is unreachable", { hypothesis: "The team still resolves a checkout incident within 15 minutes", severity: "2", impact: "degraded", detect: "5", recover: "15" });
  await staycation(page, id, "Staycation: on-call away", "On-call engineer is unreachable", 900);
  const viewerEmail = `vera-${unique()}@firedrill.test`;
  const viewerToken = await invite(page, viewerEmail, "viewer");

  // The presenter opens at the room's step: Gather, with goals, agenda and the join code.
  await page.goto(`/gamedays/${id}/present`);
  const presenter = page.getByTestId("presenter");
  await expect(presenter).toHaveAttribute("data-phase", "gather");
  await expect(presenter.getByTestId("live-status")).toHaveAttribute("data-connection", "live");
  await expect(presenter.getByRole("img", { name: /QR code/ })).toBeVisible();
  await shootAndAudit(page, "gather");

  // → moves the room (the facilitator's keyboard), ← moves it back.
  await page.keyboard.press("ArrowRight");
  await expect(presenter).toHaveAttribute("data-phase", "brainstorm");
  await expect(page.getByTestId("presenter-step")).toContainText("Brainstorm");
  await expect(presenter.getByRole("region", { name: "People" })).toContainText("On-call engineer is unreachable");
  await shootAndAudit(page, "board");
  await page.keyboard.press("PageDown");
  await expect(presenter).toHaveAttribute("data-phase", "estimate");
  await page.keyboard.press("ArrowLeft");
  await expect(presenter).toHaveAttribute("data-phase", "brainstorm");
  for (const phase of ["estimate", "experiments"]) {
    await page.keyboard.press("ArrowRight");
    await expect(presenter).toHaveAttribute("data-phase", phase);
  }
  await expect(presenter.getByRole("region", { name: "Current experiment" })).toContainText("Someone else resolves a checkout incident");
  await expect(presenter.getByRole("region", { name: "Current experiment" })).toContainText("≤ 5 min");

  // Start the run on a laptop; the presenter shows it without a reload.
  const laptop = await fac.newPage();
  await laptop.goto(`/gamedays/${id}/experiments`);
  await laptop.getByRole("article", { name: "Staycation: on-call away" }).getByRole("button", { name: "Start run" }).click();
  await expect(laptop.getByTestId("run-status")).toHaveText("Running");
  await expect(presenter.getByText("● Run live: Staycation: on-call away")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(presenter).toHaveAttribute("data-phase", "run");
  await expect(page.getByTestId("presenter-run-status")).toHaveText("Running");
  await expect(page.getByTestId("presenter-countdown")).toHaveText(/^1[0-5]:\d\d$/);

  // T starts the shared timebox.
  await page.keyboard.press("t");
  await expect(page.getByTestId("presenter-timebox")).toHaveText(/^1[0-5]:\d\d$/);
  await shootAndAudit(page, "run");

  // No layout shift when data arrives: an observation from a laptop lands in the timeline, nothing moves.
  const regions = [".pr-header", ".pr-footer", ".pr-countdown", ".pr-stop-slot", ".pr-chart", ".pr-timeline", ".pr-status"];
  const boxes = () => Promise.all(regions.map((r) => page.locator(r).boundingBox()));
  const before = await boxes();
  await laptop.getByRole("textbox", { name: "Observation" }).fill("Nobody knows where the runbook lives");
  await laptop.getByRole("button", { name: "Add to timeline" }).click();
  await expect(page.getByTestId("presenter-timeline")).toContainText("Nobody knows where the runbook lives");
  expect(await boxes()).toEqual(before);

  // A viewer's presenter screen follows the room but cannot move it or stop the run.
  const viewerContext = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } });
  const viewer = await viewerContext.newPage();
  await signUp(viewer, { name: "Vera Viewer", email: viewerEmail, password: "viewer password 1" }, viewerToken);
  await expect(viewer.getByRole("heading", { name: "GameDays" })).toBeVisible();
  await viewer.goto(`/gamedays/${id}/present`);
  await expect(viewer.getByTestId("presenter")).toHaveAttribute("data-phase", "run");
  await expect(viewer.getByTestId("presenter-stop")).toHaveCount(0);
  await viewer.keyboard.press("ArrowRight");
  await expect(viewer.getByTestId("presenter-notice")).toHaveText("Only the facilitator can move the room.");
  await viewer.keyboard.press("s");
  await expect(viewer.getByTestId("presenter-notice")).toHaveText("Only the facilitator can stop the run.");
  await expect(presenter).toHaveAttribute("data-phase", "run");

  // S arms the Stop button, a second S stops the run; every screen shows it.
  await page.keyboard.press("s");
  await expect(page.getByTestId("presenter-stop")).toContainText("Press again to STOP");
  await expect(page.getByTestId("presenter-run-status")).toHaveText("Running");
  await page.keyboard.press("s");
  await expect(page.getByTestId("presenter-run-status")).toHaveText("Completed");
  await expect(viewer.getByTestId("presenter-run-status")).toHaveText("Completed");
  await expect(laptop.getByTestId("run-status")).toHaveText("Completed");
  await expect(page.getByTestId("presenter-stop")).toHaveCount(0);

  // Afterwards: estimate vs measured, then the follow-ups being written.
  const measured = laptop.getByRole("form", { name: "Measured impact" });
  await measured.getByLabel("Measured severity").selectOption("4");
  await measured.getByLabel("Measured user impact").selectOption("partial-outage");
  await measured.getByLabel("Time to detect (min)").fill("12");
  await measured.getByLabel("Time to recover (min)").fill("40");
  await measured.getByLabel("Disproved").check();
  await measured.getByLabel("What really happened").fill("The runbook was only known to the on-call engineer.");
  await measured.getByRole("button", { name: "Save measured impact" }).click();
  await expect(measured.getByText("Measured impact saved.")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(presenter).toHaveAttribute("data-phase", "measure");
  const result = presenter.getByRole("region", { name: "Result: Staycation: on-call away" });
  await expect(result).toContainText("hypothesis disproved");
  await expect(result.locator('tr[data-verdict="worse"]').first()).toBeVisible();
  await shootAndAudit(page, "measure");

  await page.keyboard.press("ArrowRight");
  await expect(presenter).toHaveAttribute("data-phase", "follow-up");
  await laptop.goto(`/gamedays/${id}/follow-ups`);
  const fu = laptop.getByRole("form", { name: "New follow-up" });
  await fu.getByLabel("Title").fill("Write the checkout runbook where everyone finds it");
  await fu.getByRole("button", { name: "File follow-up" }).click();
  await expect(presenter.getByRole("region", { name: "Follow-ups" })).toContainText("Write the checkout runbook where everyone finds it");
  await shootAndAudit(page, "follow-ups");

  // F toggles full screen (on the tab in front, as the big screen is); ? shows the keys.
  await page.bringToFront();
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);

  await viewerContext.close();
  await fac.close();
});
