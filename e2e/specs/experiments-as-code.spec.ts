import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";
import { allowProbeHost, connectTestbed, demoService, readyPods, testbed } from "../support/testbed";
import { createToken } from "../support/tokens";

const shots = process.env.SCREENSHOT_DIR ?? "test-results/as-code";

// A PowerfulSeal policy written from PowerfulSeal's documented schema: the
// state filter and the HTTP probe have no Firedrill equivalent.
const policy = (ns: string) => `config:
  runStrategy:
    runs: 1
scenarios:
  - name: Kill a random checkout pod
    description: Checkout keeps serving while one of its pods is killed.
    steps:
      - podAction:
          matches:
            - labels:
                namespace: ${ns}
                selector: app=checkout
          filters:
            - property:
                name: state
                value: Running
            - randomSample:
                size: 1
          actions:
            - kill:
                probability: 1
      - wait:
          seconds: 120
      - probeHTTP:
          target:
            url: ${demoService()}
          endpoint: /healthz
          retries: 3
`;

test("paste a PowerfulSeal policy: preview, unmapped parts, create, run; start an experiment from the library", async ({ page }) => {
  test.setTimeout(240_000);
  const ns = testbed().demoNamespace;
  await asAdmin(page);
  const cluster = `Bed ${unique()}`;
  await connectTestbed(page, cluster);
  // The policy's probeHTTP becomes an HTTP probe: its host must be one the cluster allows.
  await allowProbeHost(page, cluster, new URL(demoService()).hostname);
  const id = await createGameDay(page, `As code ${unique()}`);

  await page.goto(`/gamedays/${id}/experiments`);
  await page.getByRole("link", { name: "Import YAML" }).click();
  await expect(page.getByRole("heading", { name: "Import experiments" })).toBeVisible();
  await page.getByLabel("Document (YAML or JSON)").fill(policy(ns));
  await page.getByLabel("Cluster", { exact: true }).selectOption({ label: cluster });
  await page.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("PowerfulSeal: 1 experiment will be created; 2 parts could not be mapped");
  const card = preview.getByRole("article", { name: "Will create: Kill a random checkout pod" });
  await expect(card).toContainText("Kill pods");
  await expect(card).toContainText(`namespace ${ns}, pods app=checkout — 1 at random`);
  await expect(card).toContainText("120 s");
  const unmapped = page.getByTestId("unmapped");
  await expect(unmapped.getByRole("row")).toHaveCount(3);
  await expect(unmapped.getByRole("row", { name: /scenarios\.0\.steps\.0\.podAction\.filters\.0/ })).toContainText("no other state filter");
  await expect(unmapped.getByRole("row", { name: /scenarios\.0\.steps\.2\.probeHTTP\.retries/ })).toContainText("retries was not read");
  await expect(card).toContainText("HTTP check /healthz >= 1");
  await page.screenshot({ path: `${shots}/import-preview.png` });

  await page.getByRole("button", { name: "Create 1 experiment" }).click();
  await expect(page).toHaveURL(new RegExp(`/gamedays/${id}/experiments$`));
  const imported = page.getByRole("article", { name: "Kill a random checkout pod" });
  await expect(imported).toBeVisible();
  await imported.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await expect(page.getByTestId("timeline")).toContainText("Kill pods applied to 1 target(s)");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  await expect(page.getByTestId("ledger")).toContainText("reverted");
  await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);

  // The library: one click adds a classic to the GameDay; it runs like any experiment.
  await page.goto(`/gamedays/${id}/library`);
  await expect(page.getByRole("article", { name: "Control plane: a kubelet that stops reporting" })).toContainText("No Firedrill driver can do this");
  await page.screenshot({ path: `${shots}/library.png` });
  const classic = page.getByRole("article", { name: "PowerfulSeal: kill a random pod" });
  await expect(classic).toContainText("runnable here");
  await classic.getByLabel("Cluster").selectOption({ label: cluster });
  await classic.getByLabel("Namespace").fill(ns);
  await classic.getByLabel("Label selector").fill("app=checkout");
  await classic.getByRole("button", { name: "Add to this GameDay" }).click();
  await expect(page).toHaveURL(new RegExp(`/gamedays/${id}/experiments$`));
  const added = page.getByRole("article", { name: "PowerfulSeal: kill a random pod" });
  await added.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  await expect(page.getByTestId("timeline")).toContainText("Kill pods applied to 1 target(s)");
  await page.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");

  // Saved into the team's library, it is offered there next time.
  await page.goto(`/gamedays/${id}/experiments`);
  await page.getByRole("article", { name: "Kill a random checkout pod" }).getByRole("button", { name: "Save to library" }).click();
  await expect(page.getByRole("article", { name: "Kill a random checkout pod" }).getByRole("status")).toContainText("Saved to the library.");
  await page.goto(`/gamedays/${id}/library`);
  await expect(page.getByRole("article", { name: "Kill a random checkout pod" })).toContainText("Saved by your team");

  await createToken(page, "screenshot", "read");
  await page.screenshot({ path: `${shots}/api-tokens.png` });
  await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);
});

test("bad input shows the line and creates nothing", async ({ page }) => {
  await asAdmin(page);
  const id = await createGameDay(page, `Bad YAML ${unique()}`);
  await page.goto(`/gamedays/${id}/experiments/import`);
  await page.getByLabel("Document (YAML or JSON)").fill("apiVersion: firedrill.dev/v1\nkind: Experiment\nmetadata:\n  title: Dup\nspec:\n  hypothesis: h\n  hypothesis: again\n");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("Line 7: Map keys must be unique");
  await expect(page.getByRole("button", { name: "Create experiments" })).toBeDisabled();
  await page.getByLabel("Document (YAML or JSON)").fill("apiVersion: chaos-mesh.org/v1alpha1\nkind: KernelChaos\nmetadata: { name: k }\n");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("Line 2: Chaos Mesh KernelChaos");
  await page.screenshot({ path: `${shots}/import-problems.png` });
  await page.goto(`/gamedays/${id}/experiments`);
  await expect(page.getByText("No experiments yet")).toBeVisible();
});
