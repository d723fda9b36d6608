import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";

// A new team walks the whole GameDay loop, from the first sign-up to the
// exported Markdown report.
test("a team runs a GameDay end to end and exports the report", async ({ page }) => {
  await asAdmin(page);
  const title = `Checkout GameDay ${unique()}`;
  const id = await createGameDay(page, title);

  // Gather: invite a participant, then move the room to brainstorming.
  const participants = page.getByRole("form", { name: "Invite participant" });
  await participants.getByLabel("Name").fill("Grace Participant");
  await participants.getByLabel("Email").fill(`grace-${unique()}@firedrill.test`);
  await participants.getByRole("button", { name: "Add participant" }).click();
  await expect(page.getByText("Grace Participant")).toBeVisible();
  await page.getByRole("button", { name: /Move room to Brainstorm/ }).click();
  await expect(page.getByText("Now: Brainstorm")).toBeVisible();

  // Brainstorm: two cards in different columns, and a vote.
  await page.getByRole("link", { name: /Brainstorm/ }).click();
  const add = page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill("Checkout pods are killed");
  await add.getByLabel("Where is it injected?").selectOption("containers");
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("article", { name: "Checkout pods are killed" })).toBeVisible();
  await add.getByLabel("Failure mode").fill("On-call engineer is unreachable");
  await add.getByLabel("Where is it injected?").selectOption("people");
  await add.getByRole("button", { name: "Add card" }).click();
  const peopleCard = page.getByRole("article", { name: "On-call engineer is unreachable" });
  await expect(peopleCard).toBeVisible();
  await expect(page.getByRole("region", { name: "People" })).toContainText("On-call engineer is unreachable");
  await peopleCard.getByRole("button", { name: /▲ 0/ }).click();
  await expect(peopleCard.getByRole("button", { name: /▲ 1/ })).toBeVisible();

  // Estimate, with the MTBF likelihood helper.
  await page.getByRole("link", { name: /Estimate/ }).click();
  const est = page.getByRole("region", { name: "Estimate for On-call engineer is unreachable" });
  await est.getByLabel("Hypothesis").fill("The team still resolves a checkout incident within 15 minutes");
  await est.getByLabel("Expected severity").selectOption("2");
  await est.getByLabel("Expected user impact").selectOption("degraded");
  await est.getByLabel("An alert should fire").check();
  await est.getByLabel("Expected time to detect (min)").fill("5");
  await est.getByLabel("Expected time to recover (min)").fill("15");
  await est.getByLabel("Fleet size (machines)").fill("100");
  await est.getByLabel("MTBF per machine (days)").fill("1000");
  await expect(est.getByTestId("likelihood")).toContainText("about one failure every 10 days");
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.getByText("Estimate saved.")).toBeVisible();

  // Author a people experiment (Staycation) with a form generated from its schema.
  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Staycation: on-call away");
  await page.getByLabel("Hypothesis").fill("Someone else can handle checkout incidents");
  await page.getByLabel("On-call engineer is unreachable").check();
  await page.getByLabel("Duration (seconds)").fill("60");
  await page.getByLabel("Kind").selectOption("people-staycation");
  await page.getByLabel("Person on staycation").fill("Linus");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Staycation: on-call away" })).toBeVisible();

  // Run it: countdown, observation, stop.
  await page.getByRole("article", { name: "Staycation: on-call away" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await expect(page.getByTestId("countdown")).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Staycation started");
  await page.getByRole("textbox", { name: "Observation" }).fill("Nobody knew where the runbook lives");
  await page.getByRole("button", { name: "Add to timeline" }).click();
  await expect(page.getByTestId("timeline")).toContainText("Nobody knew where the runbook lives");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");

  // Measure: worse than estimated.
  const measured = page.getByRole("form", { name: "Measured impact" });
  await measured.getByLabel("Measured severity").selectOption("4");
  await measured.getByLabel("Measured user impact").selectOption("partial-outage");
  await measured.getByLabel("Time to detect (min)").fill("12");
  await measured.getByLabel("Time to recover (min)").fill("40");
  await measured.getByLabel("Disproved").check();
  await measured.getByLabel("What really happened").fill("Runbook was only known to the on-call engineer.");
  await measured.getByRole("button", { name: "Save measured impact" }).click();
  await expect(measured.getByText("Measured impact saved.")).toBeVisible();

  await page.goto(`/gamedays/${id}/results`);
  const result = page.getByRole("region", { name: "Result: Staycation: on-call away" });
  await expect(result).toContainText("hypothesis disproved");
  await expect(result.locator('tr[data-verdict="worse"]').first()).toBeVisible();
  await expect(result).toContainText("+2 levels");

  // Follow-up in the built-in tracker, prefilled with the run and failure mode.
  await result.getByRole("link", { name: "File a follow-up" }).click();
  const fu = page.getByRole("form", { name: "New follow-up" });
  await fu.getByLabel("Title").fill("Write the checkout runbook where everyone finds it");
  await fu.getByRole("button", { name: "File follow-up" }).click();
  await expect(page.getByRole("region", { name: "Tickets" })).toContainText("FD-1");

  // Report page and Markdown export.
  await page.getByRole("link", { name: /Report/ }).click();
  await expect(page.getByTestId("report-summary")).toContainText("0 of 1 hypotheses held");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown" }).click();
  const file = await (await download).path();
  const md = await (await import("node:fs/promises")).readFile(file!, "utf8");
  expect(md).toContain(`# GameDay report: ${title}`);
  expect(md).toContain("hypothesis **disproved**");
  expect(md).toContain("| Severity | 2 | 4 | +2 levels ⚠ worse |");
  expect(md).toContain("Write the checkout runbook where everyone finds it");
  expect(md).toContain("Nobody knew where the runbook lives");
});
