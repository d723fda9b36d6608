import { expect, test, type Page } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";

// Not a test suite: walks a realistic GameDay and photographs every page at
// the big-screen size and at a laptop size, for people to look at
// (`npm run screenshots`, images in ./screenshots).
const SIZES = [
  { name: "1080p", width: 1920, height: 1080 },
  { name: "laptop", width: 1366, height: 768 },
];

async function shoot(page: Page, name: string) {
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? "screenshots"}/${name}-${s.name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
}

test("screenshots of every page", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/signup");
  await shoot(page, "00-signup");
  await asAdmin(page);
  const id = await createGameDay(page, `Checkout resilience GameDay ${unique()}`);
  await shoot(page, "02-gather");

  await page.goto(`/gamedays/${id}/board`);
  const cards: [string, string, string][] = [
    ["Checkout pods are killed", "containers", "ReplicaSet should replace them; do users notice?"],
    ["Node in zone-a disappears", "hosts", ""],
    ["Payment provider times out", "external-deps", "Third-party API slow for 30 s"],
    ["Network partition between checkout and cart", "network", ""],
    ["On-call engineer unreachable", "people", "Staycation drill"],
  ];
  for (const [title, point, desc] of cards) {
    const add = page.getByRole("form", { name: "Add failure mode" });
    await add.getByLabel("Failure mode").fill(title);
    await add.getByLabel("Where is it injected?").selectOption(point);
    await add.getByLabel("Details (optional)").fill(desc);
    await add.getByRole("button", { name: "Add card" }).click();
    await expect(page.getByRole("article", { name: title })).toBeVisible();
  }
  await page.getByRole("article", { name: "Checkout pods are killed" }).getByRole("button", { name: /▲/ }).click();
  await expect(page.getByRole("article", { name: "Checkout pods are killed" }).getByRole("button", { name: /▲ 1/ })).toBeVisible();
  await shoot(page, "03-board");

  await page.goto(`/gamedays/${id}/estimates`);
  const est = page.getByRole("region", { name: "Estimate for Checkout pods are killed" });
  await est.getByLabel("Hypothesis").fill("Checkout error rate stays under 1% while one pod is killed");
  await est.getByLabel("Expected severity").selectOption("2");
  await est.getByLabel("Expected user impact").selectOption("degraded");
  await est.getByLabel("An alert should fire").check();
  await est.getByLabel("Expected time to detect (min)").fill("2");
  await est.getByLabel("Expected time to recover (min)").fill("5");
  await est.getByLabel("Fleet size (machines)").fill("120");
  await est.getByLabel("MTBF per machine (days)").fill("900");
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.getByText("Estimate saved.")).toBeVisible();
  await shoot(page, "04-estimates");

  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Kill one checkout pod");
  await page.getByLabel("Hypothesis").fill("Error rate stays under 1%");
  await page.getByLabel("Kind").selectOption("pod-kill");
  await page.getByLabel("Namespace").fill("demo");
  await page.getByLabel("Label selector").fill("app=checkout");
  await shoot(page, "05-experiment-editor");
  // Without a connected cluster a pod-kill experiment is refused (the tour has no test bed): a people experiment instead.
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByText("Pick the cluster these faults go to.")).toBeVisible();
  await shoot(page, "05b-experiment-needs-cluster");
  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Staycation: on-call away");
  await page.getByLabel("Hypothesis").fill("Someone else can handle a checkout incident");
  await page.getByLabel("On-call engineer unreachable").check();
  await page.getByLabel("Kind").selectOption("people-staycation");
  await page.getByLabel("Person on staycation").fill("Linus");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Staycation: on-call away" })).toBeVisible();
  await shoot(page, "06-experiments");

  await page.getByRole("article", { name: "Staycation: on-call away" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await page.getByRole("textbox", { name: "Observation" }).fill("Nobody knew where the runbook lives");
  await page.getByRole("button", { name: "Add to timeline" }).click();
  await expect(page.getByTestId("timeline")).toContainText("runbook");
  await shoot(page, "07-run-live");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  const m = page.getByRole("form", { name: "Measured impact" });
  await m.getByLabel("Measured severity").selectOption("3");
  await m.getByLabel("Measured user impact").selectOption("degraded");
  await m.getByLabel("Disproved").check();
  await m.getByLabel("What really happened").fill("The runbook lived in one person's head.");
  await m.getByRole("button", { name: "Save measured impact" }).click();
  await expect(m.getByText("Measured impact saved.")).toBeVisible();
  await shoot(page, "08-run-ended");

  await page.goto(`/gamedays/${id}/results`);
  await shoot(page, "09-results");
  await page.goto(`/gamedays/${id}/follow-ups`);
  const fu = page.getByRole("form", { name: "New follow-up" });
  await fu.getByLabel("Title").fill("Move the checkout runbook to the wiki");
  await fu.getByRole("button", { name: "File follow-up" }).click();
  await expect(page.getByRole("region", { name: "Tickets" })).toContainText("FD-1");
  await shoot(page, "10-follow-ups");
  await page.goto(`/gamedays/${id}/report`);
  await shoot(page, "11-report");
  await page.goto(`/`);
  await shoot(page, "01-gamedays");
  await page.goto(`/team`);
  await shoot(page, "12-team");
  await page.goto(`/audit`);
  await shoot(page, "13-audit");
  await page.goto(`/clusters`);
  await shoot(page, "15-clusters");
  await page.goto(`/settings/metrics`);
  await shoot(page, "16-metrics-sources");
  await page.goto(`/settings/trackers`);
  await shoot(page, "17-trackers");
  await page.goto(`/gamedays/${id}/present`);
  await expect(page.getByTestId("presenter")).toBeVisible();
  await shoot(page, "18-presenter");
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
  await page.goto(`/gamedays/${id}/board`);
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
  await shoot(page, "14-board-light");
});
