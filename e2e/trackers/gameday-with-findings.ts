// Builds, through the UI, a GameDay whose one run went worse than estimated,
// so it has findings to file: the same steps a team takes (see 01-full-loop).
import { expect, type Page } from "@playwright/test";
import { createGameDay } from "../support/app";

/** Starts a people experiment, notes an observation, stops it and records a measured impact worse than the estimate. */
export async function runAndMeasure(page: Page, gameDayId: string, experimentTitle: string, observation: string) {
  await page.goto(`/gamedays/${gameDayId}/experiments`);
  await page.getByRole("article", { name: experimentTitle }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await page.getByRole("textbox", { name: "Observation" }).fill(observation);
  await page.getByRole("button", { name: "Add to timeline" }).click();
  await expect(page.getByTestId("timeline")).toContainText(observation);
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  const measured = page.getByRole("form", { name: "Measured impact" });
  await measured.getByLabel("Measured severity").selectOption("4");
  await measured.getByLabel("Measured user impact").selectOption("partial-outage");
  await measured.getByLabel("Time to detect (min)").fill("12");
  await measured.getByLabel("Time to recover (min)").fill("40");
  await measured.getByLabel("Disproved").check();
  await measured.getByLabel("What really happened").fill("Runbook was only known to the on-call engineer.");
  await measured.getByRole("button", { name: "Save measured impact" }).click();
  await expect(measured.getByText("Measured impact saved.")).toBeVisible();
}

/** A new GameDay with one failure mode, its estimate, a Staycation experiment and a measured run; returns its id. */
export async function gameDayWithFindings(page: Page, title: string): Promise<string> {
  const id = await createGameDay(page, title);
  await page.goto(`/gamedays/${id}/board`);
  const add = page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill("On-call engineer is unreachable");
  await add.getByLabel("Where is it injected?").selectOption("people");
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("article", { name: "On-call engineer is unreachable" })).toBeVisible();

  await page.goto(`/gamedays/${id}/estimates`);
  const est = page.getByRole("region", { name: "Estimate for On-call engineer is unreachable" });
  await est.getByLabel("Hypothesis").fill("The team resolves a checkout incident within 15 minutes");
  await est.getByLabel("Expected severity").selectOption("2");
  await est.getByLabel("Expected user impact").selectOption("degraded");
  await est.getByLabel("An alert should fire").check();
  await est.getByLabel("Expected time to detect (min)").fill("5");
  await est.getByLabel("Expected time to recover (min)").fill("15");
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.getByText("Estimate saved.")).toBeVisible();

  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Staycation: on-call away");
  await page.getByLabel("Hypothesis").fill("Someone else can handle checkout incidents");
  await page.getByLabel("On-call engineer is unreachable").check();
  await page.getByLabel("Duration (seconds)").fill("600");
  await page.getByLabel("Kind").selectOption("people-staycation");
  await page.getByLabel("Person on staycation").fill("Linus");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Staycation: on-call away" })).toBeVisible();
  await runAndMeasure(page, id, "Staycation: on-call away", "Nobody knew where the runbook lives");
  return id;
}
