import { expect, type Page } from "@playwright/test";

/** Adds a failure-mode card on the board page. */
export async function addCard(page: Page, gameDayId: string, title: string, where: string) {
  if (!page.url().endsWith(`/gamedays/${gameDayId}/board`)) await page.goto(`/gamedays/${gameDayId}/board`);
  const add = page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill(title);
  await add.getByLabel("Where is it injected?").selectOption(where);
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("article", { name: title })).toBeVisible();
}

/** Writes the estimate of a failure mode. */
export async function estimate(page: Page, gameDayId: string, title: string, e: { hypothesis: string; severity: string; impact: string; detect: string; recover: string }) {
  await page.goto(`/gamedays/${gameDayId}/estimates`);
  const est = page.getByRole("region", { name: `Estimate for ${title}` });
  const open = est.getByText(/^(Estimate|Edit estimate)$/);
  if (!(await est.getByLabel("Hypothesis").isVisible())) await open.click();
  await est.getByLabel("Hypothesis").fill(e.hypothesis);
  await est.getByLabel("Expected severity").selectOption(e.severity);
  await est.getByLabel("Expected user impact").selectOption(e.impact);
  await est.getByLabel("An alert should fire").check();
  await est.getByLabel("Expected time to detect (min)").fill(e.detect);
  await est.getByLabel("Expected time to recover (min)").fill(e.recover);
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.getByText("Estimate saved.")).toBeVisible();
}

/** Authors a Staycation people experiment linked to a failure mode. */
export async function staycation(page: Page, gameDayId: string, title: string, failureMode: string, seconds: number) {
  await page.goto(`/gamedays/${gameDayId}/experiments/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Hypothesis").fill("Someone else resolves a checkout incident within 15 minutes");
  await page.getByLabel(failureMode).check();
  await page.getByLabel("Duration (seconds)").fill(String(seconds));
  await page.getByLabel("Kind").selectOption("people-staycation");
  await page.getByLabel("Person on staycation").fill("Linus");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: title })).toBeVisible();
}
