import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";
import { connectTestbed, readyPodsOn, testbed } from "../support/testbed";

// Trust III in the room: a network delay on the bed's real container fails on this
// kernel (no netem), and the room sees it at once instead of a flat chart: the alarm
// on the run page and on the presenter, a choice to go on or to stop, and a report
// that says on top that the run tested nothing.
const shots = path.resolve(process.env.SCREENSHOT_DIR ?? "test-results/fault-not-in-effect");

const doc = (ns: string, node: string) => `apiVersion: firedrill.dev/v1
kind: Experiment
metadata:
  title: Delay the real checkout pod
spec:
  hypothesis: Checkout keeps its p90 under 500 ms with 200 ms of network delay
  durationSec: 600
  faults:
    - kind: network-delay
      params: { latencyMs: 200 }
  targets:
    namespace: ${ns}
    labelSelector: app=checkout
    fieldSelector: spec.nodeName=${node}
`;

async function startRun(page: Page, gameDayId: string) {
  // An earlier spec may have killed the real replica: its replacement must be Ready to be a target.
  await expect.poll(() => readyPodsOn("checkout", testbed().realNode!), { timeout: 120_000 }).toBe(1);
  await page.goto(`/gamedays/${gameDayId}/experiments`);
  await page.getByRole("article", { name: "Delay the real checkout pod" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
}

test("a fault that did not take effect: the room is alerted, chooses, and the report says the run was inconclusive", async ({ page, browser }) => {
  test.setTimeout(480_000);
  fs.mkdirSync(shots, { recursive: true });
  const bed = testbed();
  expect(bed.realNode, "the bed runs its real node").toBeTruthy();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await asAdmin(page);
  const cluster = `Bed ${unique()}`;
  await connectTestbed(page, cluster);
  const id = await createGameDay(page, `Not in effect ${unique()}`);
  await page.goto(`/gamedays/${id}/experiments/import`);
  await page.getByLabel("Document (YAML or JSON)").fill(doc(bed.demoNamespace, bed.realNode!));
  await page.getByLabel("Cluster", { exact: true }).selectOption({ label: cluster });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Create 1 experiment" }).click();
  await expect(page.getByRole("article", { name: "Delay the real checkout pod" })).toBeVisible();

  // Run 1: the alarm on the run page and on the presenter; the room goes on.
  await startRun(page, id);
  const alert = page.getByTestId("fault-alert");
  await expect(alert).toBeVisible({ timeout: 120_000 });
  await expect(alert).toContainText("network-delay on Pod");
  await expect(alert).toContainText("exited with code 2");
  await expect(alert).toContainText("Specified qdisc kind is unknown");
  await expect(page.getByTestId("ledger").getByTestId("effect")).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("timeline")).toContainText("Fault did not take effect: network-delay on Pod");
  await page.screenshot({ path: path.join(shots, "run-page-fault-alert-1920.png") });

  const room = await browser.newContext({ storageState: await page.context().storageState(), viewport: { width: 1920, height: 1080 } });
  const presenter = await room.newPage();
  await presenter.goto(`/gamedays/${id}/present`);
  // The facilitator's keyboard moves the room from Gather to Run, one step at a time.
  await expect(presenter.getByTestId("presenter")).toHaveAttribute("data-phase", "gather");
  for (const phase of ["brainstorm", "estimate", "experiments", "run"]) {
    await presenter.keyboard.press("ArrowRight");
    await expect(presenter.getByTestId("presenter")).toHaveAttribute("data-phase", phase);
  }
  const roomAlert = presenter.getByTestId("presenter-fault-alert");
  await expect(roomAlert).toContainText("A fault did not take effect");
  await expect(roomAlert).toContainText("Specified qdisc kind is unknown");
  await presenter.screenshot({ path: path.join(shots, "presenter-fault-alert-1920.png") });
  await presenter.setViewportSize({ width: 3840, height: 2160 });
  await presenter.screenshot({ path: path.join(shots, "presenter-fault-alert-4k.png") });
  await presenter.setViewportSize({ width: 1920, height: 1080 });

  await presenter.getByTestId("presenter-go-on").click();
  await expect(roomAlert).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("chose to go on although a fault did not take effect");
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");

  // Run 2: the room chooses to stop from the alarm; everything is reverted.
  await startRun(page, id);
  await expect(alert).toBeVisible({ timeout: 120_000 });
  await alert.getByRole("button", { name: "■ Stop the run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Aborted");
  await expect(page.getByTestId("timeline")).toContainText("A fault did not take effect");
  await expect(page.getByTestId("ledger")).toContainText("reverted");
  await expect(page.getByTestId("inconclusive")).toContainText("Inconclusive: the fault did not take effect");
  await expect(page.getByTestId("measured-inconclusive")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Held/ })).toBeDisabled();
  await page.screenshot({ path: path.join(shots, "run-page-inconclusive-1920.png"), fullPage: true });

  // The report says so on top, and per target what the cluster reported.
  await page.goto(`/gamedays/${id}/report`);
  await expect(page.getByTestId("report-inconclusive")).toHaveText("⚠ 2 runs were inconclusive: the fault did not take effect, so their hypothesis was not tested.");
  await expect(page.getByTestId("report-confirmations").first()).toContainText("Specified qdisc kind is unknown");
  await page.screenshot({ path: path.join(shots, "report-inconclusive-1920.png") });
  await room.close();
});
