import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, signOut, signUp, unique } from "../support/app";

// Bad input gets a clear message next to the field and writes nothing.
test("invalid GameDay, estimate and experiment input is refused field by field", async ({ page }) => {
  await asAdmin(page);

  await page.goto("/gamedays/new");
  await page.getByLabel("Title").fill("   ");
  await page.getByRole("button", { name: "Create GameDay" }).click();
  await expect(page.locator('[data-field-error="title"]')).toHaveText("Enter a title.");
  await expect(page.locator('[data-field-error="goals"]')).toHaveText("Enter the goals.");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/gamedays\/new$/);
  const title = `Valid GameDay ${unique()}`;
  const id = await createGameDay(page, title);

  // The refused attempt created nothing: the list has only the valid GameDay with this prefix.
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(title) })).toHaveCount(1);

  await page.goto(`/gamedays/${id}/board`);
  const add = page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill("Database fails over");
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(add.locator('[data-field-error="injectionPoint"]')).toHaveText("Pick where the failure is injected.");
  await expect(page.getByRole("article")).toHaveCount(0);
  await add.getByLabel("Where is it injected?").selectOption("internal-deps");
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("article", { name: "Database fails over" })).toBeVisible();

  await page.goto(`/gamedays/${id}/estimates`);
  const est = page.getByRole("region", { name: "Estimate for Database fails over" });
  await est.getByLabel("Hypothesis").fill("Writes pause for under a minute");
  await est.getByLabel("Expected severity").selectOption("3");
  await est.getByLabel("Expected user impact").selectOption("degraded");
  await est.getByLabel("Expected time to recover (min)").fill("-5");
  await est.getByLabel("Fleet size (machines)").fill("10");
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.locator('[data-field-error="timeToRecoverMin"]')).toHaveText("Time to recover cannot be negative.");
  await expect(est.locator('[data-field-error="mtbfDays"]')).toHaveText("Give both fleet size and MTBF to compute the likelihood, or neither.");
  await expect(est.getByText("not estimated")).toBeVisible();

  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Liar liar");
  await page.getByLabel("Hypothesis").fill("Misinformation is caught within 10 minutes");
  await page.getByLabel("Duration (seconds)").fill("5");
  await page.getByLabel("Kind").selectOption("people-liar-liar");
  await page.getByLabel("Liar").fill("Mallory");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.locator('[data-field-error="durationSec"]')).toHaveText("The duration must be at least 10 seconds.");
  await expect(page.locator('[data-field-error="faults.0.params.topic"]')).toHaveText("Name the topic the liar misinforms about.");
  await page.goto(`/gamedays/${id}/experiments`);
  await expect(page.getByText("No experiments yet")).toBeVisible();
});

test("sign-up refuses bad input and duplicate accounts", async ({ page }) => {
  await asAdmin(page);
  await signOut(page);
  await signUp(page, { name: "", email: "not-an-email", password: "short" });
  const form = page.getByRole("form", { name: "Create account" });
  await expect(form.locator('[data-field-error="name"]')).toHaveText("Enter your name.");
  await expect(form.locator('[data-field-error="email"]')).toContainText("valid email");
  await expect(form.locator('[data-field-error="password"]')).toHaveText("Use at least 10 characters for the password.");
  await signUp(page, { name: "Ada Again", email: "ada@firedrill.test", password: "another password" });
  await expect(form.locator('[data-field-error="email"]')).toHaveText("An account with this email already exists.");
});
