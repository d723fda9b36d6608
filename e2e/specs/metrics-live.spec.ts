import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { asAdmin, createGameDay, invite, signOut, signUp, unique } from "../support/app";
import { connectTestbed, readyPods, testbed, draftClusterExperiment } from "../support/testbed";

// The room watches the run: an admin adds the bed's Prometheus (Test shows
// its version), a probe's PromQL is refused by Prometheus next to the field,
// and during a real pod-kill run the chart gains points live with the fault
// window marked; afterwards the computed measured impact is on the page.
const prometheus = () => (testbed() as unknown as { prometheus: string }).prometheus;
const errorRatio = '(sum(rate(http_requests_total{service="checkout",code=~"5.."}[30s])) or vector(0)) / sum(rate(http_requests_total{service="checkout"}[30s]))';

async function promValue(query: string): Promise<number | null> {
  const res = await fetch(`${prometheus()}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query }) });
  const json = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return json.data.result.length ? Number(json.data.result[0].value[1]) : null;
}

const points = async (page: Page) => Number(await page.getByTestId("metric-chart").first().getAttribute("data-points"));

test("the run page charts Prometheus live with the fault window, then shows the computed impact", async ({ page }) => {
  test.setTimeout(240_000);
  const ns = testbed().demoNamespace;
  await asAdmin(page);
  const cluster = `Metrics bed ${unique()}`;
  await connectTestbed(page, cluster);

  // Metrics source: admins add it; Test shows Prometheus' version.
  await page.goto("/settings/metrics");
  const name = `Bed Prometheus ${unique()}`;
  const form = page.getByRole("form", { name: "Add Prometheus" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Base URL").fill(prometheus());
  await form.getByLabel("Cluster").selectOption({ label: cluster });
  await form.getByRole("button", { name: "Add source" }).click();
  const card = page.getByRole("article", { name: `Metrics source ${name}` });
  await card.getByRole("button", { name: "Test" }).click();
  await expect(card.getByTestId("source-test-result")).toContainText(/Prometheus \d+\.\d+\.\d+\S* answered: \d+ target\(s\) up/);

  const id = await createGameDay(page, `Metrics GameDay ${unique()}`);
  await draftClusterExperiment(page, id, { title: "Kill two checkout pods", hypothesis: "Checkout error ratio stays under 1%", durationSec: 40, kind: "pod-kill", cluster, namespace: ns, selector: "app=checkout", sample: 2 });
  const steady = page.locator("section", { hasText: "Steady state (must hold" });
  await steady.getByRole("button", { name: "+ Add" }).click();
  await page.locator("#steadyState-0-name").fill("Broken probe");
  await page.locator("#steadyState-0-query").fill("sum(rate(http_requests_total[1m]");
  await steady.getByLabel("Threshold").fill("1");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.locator('[data-field-error="steadyState.0.query"]')).toContainText("Prometheus: invalid parameter \"query\": 1:");
  await expect(page.locator('[data-field-error="steadyState.0.query"]')).toContainText("parse error");

  // Replace it with the error-ratio template for checkout.
  await steady.getByRole("button", { name: "Remove" }).click();
  await steady.getByLabel("steadyState template", { exact: true }).selectOption("error-ratio");
  await steady.getByLabel("steadyState template matcher").fill('service="checkout"');
  await steady.getByRole("button", { name: "+ From template" }).click();
  await expect(page.locator("#steadyState-0-query")).toHaveValue(errorRatio);
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Kill two checkout pods" })).toBeVisible();

  // Preflight checks the steady state over 30 s: wait until the bed has been quiet that long.
  await expect.poll(async () => (await readyPods("checkout")) === 3 && (await promValue(`max_over_time((${errorRatio})[30s:1s])`)) === 0, { timeout: 120_000, intervals: [1000] }).toBe(true);
  // Preflight may still see the tail of an earlier run's errors and refuse (as it should): try again, as a facilitator would.
  await expect(async () => {
    await page.getByRole("article", { name: "Kill two checkout pods" }).getByRole("button", { name: "Start run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Running", { timeout: 10_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });

  const chart = page.getByTestId("metric-chart").first();
  await expect(chart).toBeVisible();
  await expect(page.getByTestId("run-charts")).toHaveAttribute("data-state", "live");
  await expect(chart).toHaveAttribute("data-fault-window", /^\d+(\.\d+)?-open$/);
  const before = await points(page);
  await expect.poll(() => points(page), { timeout: 20_000 }).toBeGreaterThan(before + 2);
  // The fault shows: the error ratio rises over its threshold while the room watches.
  await expect.poll(async () => Number((await page.getByTestId("latest-value").first().textContent()) ?? "0"), { timeout: 30_000 }).toBeGreaterThan(0.01);
  await expect(chart.locator(".recharts-reference-area")).toHaveCount(1);
  // A few more seconds of the breach on the chart for the screenshot the room would see.
  const breached = await points(page);
  await expect.poll(() => points(page), { timeout: 20_000 }).toBeGreaterThan(breached + 5);
  const shots = path.resolve(__dirname, "../../test-results/metrics");
  fs.mkdirSync(shots, { recursive: true });
  await page.getByTestId("run-charts").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, "run-live-chart.png") });

  // The big screen shows the same series: the facilitator takes the room to the Run step.
  const presenter = await page.context().newPage();
  await presenter.setViewportSize({ width: 3840, height: 2160 });
  await presenter.goto(`/gamedays/${id}/present`);
  // Connected to the live feed = hydrated: the keyboard is listening.
  await expect(presenter.getByTestId("presenter").getByTestId("live-status")).toHaveAttribute("data-connection", "live");
  for (const phase of ["brainstorm", "estimate", "experiments", "run"]) {
    await presenter.keyboard.press("ArrowRight");
    await expect(presenter.getByTestId("presenter")).toHaveAttribute("data-phase", phase);
  }
  await expect(presenter.getByTestId("presenter-chart")).toBeVisible();
  await expect.poll(async () => Number(await presenter.getByTestId("presenter-chart").getAttribute("data-points"))).toBeGreaterThan(5);
  await presenter.screenshot({ path: path.join(shots, "presenter-run-metrics-4k.png") });
  await presenter.close();

  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  await expect(chart).toHaveAttribute("data-fault-window", /^\d+(\.\d+)?-\d+(\.\d+)?$/);
  const impact = page.getByTestId("computed-impact");
  await expect(impact).toBeVisible();
  await expect(page.getByTestId("hypothesis-verdict")).toHaveText("hypothesis disproved");
  await expect(impact.getByTestId("ttd").first()).toHaveText(/^\d+(\.\d)? s$/);
  // The measured-impact form proposes what was computed.
  await expect(page.getByRole("radio", { name: "Disproved" })).toBeChecked();
  await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);
});

// Prometheus dies while the room watches: the chart says so and keeps the last
// data, the page stays usable (Stop works), the run reverts. The bed is
// brought back up afterwards (testbed.sh restarts a partially running bed).
test("Prometheus stopped mid-run: the chart says unreachable, the page and Stop keep working", async ({ page }) => {
  test.setTimeout(240_000);
  const ns = testbed().demoNamespace;
  const stateDir = path.dirname(process.env.TESTBED_ENV ?? path.resolve(__dirname, "../testbed/.state/env.json"));
  await asAdmin(page);
  const cluster = `Metrics bed down ${unique()}`;
  await connectTestbed(page, cluster);
  await page.goto("/settings/metrics");
  const form = page.getByRole("form", { name: "Add Prometheus" });
  await form.getByLabel("Name").fill(`Doomed Prometheus ${unique()}`);
  await form.getByLabel("Base URL").fill(prometheus());
  await form.getByLabel("Cluster").selectOption({ label: cluster });
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(form.getByRole("status")).toContainText("Metrics source added.");

  const id = await createGameDay(page, `Prometheus down ${unique()}`);
  await draftClusterExperiment(page, id, { title: "Kill one pod, lose Prometheus", hypothesis: "Ready replicas stay above 0", durationSec: 300, kind: "pod-kill", cluster, namespace: ns, selector: "app=checkout", sample: 1 });
  const steady = page.locator("section", { hasText: "Steady state (must hold" });
  await steady.getByLabel("steadyState template", { exact: true }).selectOption("ready-replicas");
  await steady.getByRole("button", { name: "+ From template" }).click();
  await page.getByRole("button", { name: "Create experiment" }).click();
  await page.getByRole("article", { name: "Kill one pod, lose Prometheus" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await expect(page.getByTestId("run-charts")).toHaveAttribute("data-state", "live");
  await expect.poll(() => points(page)).toBeGreaterThan(0);

  try {
    process.kill(Number(fs.readFileSync(path.join(stateDir, "pids/prometheus.pid"), "utf8").trim()), "SIGKILL");
    await expect(page.getByTestId("prometheus-unreachable")).toBeVisible();
    await expect(page.getByTestId("run-charts")).toHaveAttribute("data-state", "unreachable");
    await expect(page.getByTestId("metric-chart")).toBeVisible(); // the last data stays on screen
    await expect(page.getByTestId("run-status")).toHaveText("Running");
    await page.getByRole("button", { name: "■ Stop" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Completed");
    await expect(page.getByTestId("ledger")).toContainText("reverted");
    await expect(page.getByTestId("ledger")).not.toContainText("applied");
  } finally {
    execFileSync("bash", [path.resolve(__dirname, "../testbed/testbed.sh"), "up"], { stdio: "ignore", env: process.env });
  }
  await expect.poll(() => readyPods("checkout"), { timeout: 90_000 }).toBe(3);
});

test("only admins add metrics sources; a facilitator can test them", async ({ page }) => {
  await asAdmin(page);
  await page.goto("/settings/metrics");
  const name = `Shared Prometheus ${unique()}`;
  const form = page.getByRole("form", { name: "Add Prometheus" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Base URL").fill(prometheus());
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("article", { name: `Metrics source ${name}` })).toBeVisible();
  const facilitator = { name: "Fay", email: `fay-${unique()}@firedrill.test`, password: "facilitator pw 12" };
  const token = await invite(page, facilitator.email, "facilitator");
  await signOut(page);
  await signUp(page, facilitator, token);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
  await expect(page.getByRole("form", { name: "Add Prometheus" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Add a metrics source" })).toContainText("Only admins can do this.");
  const card = page.getByRole("article", { name: `Metrics source ${name}` });
  await expect(card.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await card.getByRole("button", { name: "Test" }).click();
  await expect(card.getByTestId("source-test-result")).toContainText("answered");
});
