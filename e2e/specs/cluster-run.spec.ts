import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, invite, signOut, signUp, unique } from "../support/app";
import { connectTestbed, readyPods, testbed, draftClusterExperiment } from "../support/testbed";

// A facilitator connects the real test-bed cluster, authors a pod-kill
// experiment, previews it, runs it, stops it and sees the timeline; a
// participant cannot start it.
test("facilitator runs a pod-kill experiment against the test-bed cluster", async ({ page }) => {
  const ns = testbed().demoNamespace;
  await asAdmin(page);
  const cluster = `Test bed ${unique()}`;
  await connectTestbed(page, cluster);

  const card = page.getByRole("region", { name: `Cluster ${cluster}` });
  await card.getByLabel("Check permissions in namespace").fill(ns);
  await card.getByRole("button", { name: "Test connection" }).click();
  const report = card.getByTestId("connection-report");
  await expect(report).toContainText("Connected: Kubernetes v1.");
  await expect(report.getByRole("row", { name: /Kill pods/ })).toContainText("yes");
  await expect(report).toContainText("Chaos Mesh:");

  const id = await createGameDay(page, `Cluster GameDay ${unique()}`);
  await draftClusterExperiment(page, id, { title: "Kill one checkout pod", hypothesis: "Checkout keeps serving", durationSec: 300, kind: "pod-kill", cluster, namespace: ns, selector: "app=checkout", sample: 1 });
  await page.getByRole("button", { name: "Preview targets" }).click();
  const preview = page.getByTestId("target-preview");
  await expect(preview).toContainText("1 of 3 matched target(s) would be hit");
  await expect(preview).toContainText("the cluster accepted a server-side dry run");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Kill one checkout pod" })).toBeVisible();

  // A participant sees the experiment but cannot start it.
  const participant = { name: "Pia", email: `pia-${unique()}@firedrill.test`, password: "participant pw 12" };
  const token = await invite(page, participant.email, "participant");
  await signOut(page);
  await signUp(page, participant, token);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  await page.goto(`/gamedays/${id}/experiments`);
  await expect(page.getByRole("article", { name: "Kill one checkout pod" }).getByRole("button", { name: "Start run" })).toHaveCount(0);
  await signOut(page);

  await asAdmin(page);
  await page.goto(`/gamedays/${id}/experiments`);
  await page.getByRole("article", { name: "Kill one checkout pod" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await expect(page.getByTestId("timeline")).toContainText("Kill pods applied to 1 target(s)");
  await expect(page.getByTestId("ledger")).toContainText("applied");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  await expect(page.getByTestId("ledger")).toContainText("reverted");
  await expect(page.getByTestId("timeline")).toContainText("Reverted pod-kill");
  await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);
});

test("preflight refuses a protected namespace and touches nothing", async ({ page }) => {
  await asAdmin(page);
  const cluster = `Guarded ${unique()}`;
  await connectTestbed(page, cluster);
  const id = await createGameDay(page, `Guardrails ${unique()}`);
  await draftClusterExperiment(page, id, { title: "Kill coredns", hypothesis: "DNS survives", kind: "pod-kill", cluster, namespace: "kube-system", selector: "app=coredns" });
  await page.getByRole("button", { name: "Preview targets" }).click();
  await expect(page.getByTestId("target-preview")).toContainText("The namespace kube-system is protected on this cluster.");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await page.getByRole("article", { name: "Kill coredns" }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("article", { name: "Kill coredns" }).getByRole("alert")).toContainText("Nothing was touched");
  await expect(page.getByRole("article", { name: "Kill coredns" })).not.toContainText("Runs:");
});
