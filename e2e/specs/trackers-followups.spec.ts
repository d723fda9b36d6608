import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { asAdmin, unique } from "../support/app";
import { fakeGitHub } from "../trackers/fake-github";
import { gameDayWithFindings } from "../trackers/gameday-with-findings";

// From findings to three tickets in the team's GitHub (a local fake that
// validates every request against GitHub's OpenAPI description), through a
// lost answer and its retry, to the report that links them.
const gh = fakeGitHub({ owner: "acme", repo: "shop", token: "ghp_e2e_secret_token" });

test.beforeAll(async () => {
  await gh.fake.start();
});
test.afterAll(async () => {
  await gh.fake.stop();
});

test("findings become three GitHub issues, no duplicates on retry, and the report links them", async ({ page }) => {
  await asAdmin(page);

  // An admin connects the team's GitHub; the token never comes back to the browser.
  await page.getByRole("link", { name: "Trackers" }).click();
  const settings = page.getByRole("form", { name: "Tracker settings" });
  await settings.getByLabel("Tracker").selectOption("github");
  await settings.getByLabel("API address").fill(gh.fake.url);
  await settings.getByLabel("Project").fill("acme/shop");
  await settings.getByLabel("API token").fill("ghp_e2e_secret_token");
  await settings.getByLabel("Labels on every ticket (comma-separated)").fill("firedrill");
  await settings.getByRole("button", { name: "Save tracker" }).click();
  await expect(settings.getByText("Tracker saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Configured ✓ (ends …oken)")).toBeVisible();
  expect(await page.content()).not.toContain("ghp_e2e_secret_token");
  await page.screenshot({ path: "test-results/reports/tracker-settings.png" });

  try {
    const title = `Follow-up day ${unique()}`;
    const id = await gameDayWithFindings(page, title);

    // Five findings (everything measured worse than estimated); file three at once.
    await page.goto(`/gamedays/${id}/follow-ups`);
    await expect(page.getByTestId("tracker-name")).toHaveText("GitHub Issues");
    const findings = page.getByRole("region", { name: "Findings" });
    await expect(findings.getByRole("checkbox")).toHaveCount(5);
    await findings.getByRole("checkbox", { name: /user impact worse/ }).uncheck();
    await findings.getByRole("checkbox", { name: /time to detect worse/ }).uncheck();
    await findings.getByRole("textbox", { name: /Ticket title for .*alert worse/ }).fill("Alert when checkout has no on-call response");
    await findings.getByLabel("Labels (comma-separated)").fill("gameday, reliability");
    // GitHub creates the second issue, but its answer is lost on the way back.
    gh.fake.fault({ operationId: "issues/create", kind: "lose-answer", status: 502, after: 1 });
    await findings.getByRole("button", { name: "Create 3 tickets in GitHub Issues" }).click();
    const outcome = findings.getByRole("status", { name: "Filing result" });
    await expect(outcome).toBeVisible();
    await expect(outcome).toContainText("not filed yet");
    expect(gh.issues).toHaveLength(3); // GitHub has all three; Firedrill knows two of them so far
    // The page has refreshed (it offers the retry): the failure is still listed with its reason.
    const retry = page.getByRole("button", { name: "Retry 1 pending" });
    await expect(retry).toBeVisible();
    await expect(outcome).toContainText("1 not filed yet");
    await page.screenshot({ path: "test-results/reports/follow-ups-pending.png" });

    // Retry: the lost one is found by its marker, not created again.
    await retry.click();
    const tickets = page.getByRole("region", { name: "Tickets" });
    await expect(tickets.getByRole("link", { name: "#3" })).toBeVisible();
    await expect(tickets.getByRole("link", { name: "#1" })).toBeVisible();
    await expect(tickets.getByRole("link", { name: "#2" })).toBeVisible();
    await expect(outcome).not.toContainText("not filed yet"); // the earlier failure is gone once it is filed
    expect(gh.issues).toHaveLength(3);
    expect(gh.fake.count("issues/create")).toBe(3);
    expect(gh.issues.map((i) => i.labels)).toEqual([
      ["firedrill", "gameday", "reliability"],
      ["firedrill", "gameday", "reliability"],
      ["firedrill", "gameday", "reliability"],
    ]);
    const alertIssue = gh.issues.find((i) => i.title === "Alert when checkout has no on-call response")!;
    expect(alertIssue.body).toContain("Alert: estimated fires, measured did not fire");
    expect(alertIssue.body).toContain("Failure mode: On-call engineer is unreachable");
    expect(alertIssue.body).toContain("Measured impact: severity 4");
    expect(alertIssue.body).toMatch(new RegExp(`/gamedays/${id}/runs/\\w+`));

    // Status from GitHub: one issue closed there shows as done after a refresh.
    Object.assign(gh.issues[0], { state: "closed", state_reason: "completed", updated_at: new Date().toISOString() });
    await page.getByRole("button", { name: "Refresh statuses" }).click();
    await expect(page.getByText("3 statuses updated.")).toBeVisible();
    await expect(tickets.getByTestId("external-status").first()).toContainText("Done (closed (completed))");
    await page.screenshot({ path: "test-results/reports/follow-ups.png", fullPage: true });
    // Filed findings cannot be filed twice.
    await expect(findings.getByRole("checkbox", { name: /alert worse/ })).toBeDisabled();

    // The report carries the tickets with their links, in every format.
    await page.goto(`/gamedays/${id}/report`);
    const md = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download Markdown" }).click();
    const text = await fs.readFile((await (await md).path())!, "utf8");
    // The renderer escapes Markdown in ticket keys and brackets link targets (lib/reports/render-markdown.ts).
    expect(text).toMatch(/\| \[\\?#1\]\(<?https:\/\/github\.example\/acme\/shop\/issues\/1>?\) \|/);
    expect(text).toContain("Alert when checkout has no on-call response");
    const pdf = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download PDF" }).click();
    const pdfText = execFileSync("pdftotext", ["-layout", (await (await pdf).path())!, "-"], { encoding: "utf8" });
    expect(pdfText).toContain("Alert when checkout has no on-call response");
    expect(pdfText).toMatch(/#3\s+\S/);
    expect(gh.fake.violations).toEqual([]);
  } finally {
    // Later specs expect the built-in tracker.
    await page.goto("/settings/trackers");
    await page.getByRole("form", { name: "Tracker settings" }).getByLabel("Tracker").selectOption("builtin");
    await page.getByRole("button", { name: "Save tracker" }).click();
    await expect(page.getByText("Tracker saved.")).toBeVisible();
  }
});
