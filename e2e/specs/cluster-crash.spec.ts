import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";
import { admin, connectTestbed, testbed, draftClusterExperiment } from "../support/testbed";

// kill -9 of the app mid-run: the restarted app reverts everything.
// A second app process (same database) is started, killed and restarted here.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 50;
const root = path.resolve(__dirname, "../..");

// This spec talks to its own app process, not the suite's.
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

function startApp(): ChildProcess {
  const child = spawn("bash", ["scripts/e2e-server.sh", String(PORT)], { cwd: root, env: process.env, detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

async function waitUp() {
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${PORT}/signin`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
}

function killHard(child: ChildProcess) {
  process.kill(-child.pid!, "SIGKILL");
}

test("a run survives the app being killed: the restarted app reverts its faults", async ({ page }) => {
  test.setTimeout(180_000);
  const ns = testbed().demoNamespace;
  const before = (await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas!;
  let app = startApp();
  try {
    await waitUp();
    await asAdmin(page);
    const cluster = `Crash bed ${unique()}`;
    await connectTestbed(page, cluster);
    const id = await createGameDay(page, `Crash GameDay ${unique()}`);
    await draftClusterExperiment(page, id, { title: "Scale catalog to zero", hypothesis: "Catalog outage is survivable", durationSec: 600, kind: "scale-down", cluster, namespace: ns, selector: "app=catalog" });
    await page.getByRole("button", { name: "Create experiment" }).click();
    await page.getByRole("article", { name: "Scale catalog to zero" }).getByRole("button", { name: "Start run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Running");
    const runUrl = page.url();
    expect((await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas).toBe(0);

    killHard(app);
    // The fault is still in the cluster while no app runs.
    expect((await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas).toBe(0);
    app = startApp();
    await waitUp();
    await expect.poll(async () => (await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas, { timeout: 90_000 }).toBe(before);
    await page.goto(runUrl);
    await expect(page.getByTestId("run-status")).toHaveText("Aborted");
    await expect(page.getByTestId("timeline")).toContainText("Firedrill took over and reverts everything it applied");
    await expect(page.getByTestId("ledger")).toContainText("reverted");
  } finally {
    try {
      killHard(app);
    } catch {}
  }
});
