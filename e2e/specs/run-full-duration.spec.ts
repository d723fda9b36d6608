import { expect, test, type Page } from "@playwright/test";
import { asAdmin, createGameDay, unique } from "../support/app";
import { admin, connectTestbed, draftClusterExperiment, readyPods, testbed } from "../support/testbed";
import { readRunRow, type RunRow } from "../support/db";
import { Replica } from "../live/replica";

// A GameDay experiment runs for its whole planned duration while the room
// watches, in the production build: nobody presses Stop. The engine must keep
// renewing the run's lease for as long as the process that started it lives,
// and never take its own run for an orphan (the production build bundles the
// lease identity into several chunks; every copy must agree).

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

async function startExperiment(page: Page, opts: { title: string; kind: string; selector: string; durationSec: number; sample?: number }): Promise<string> {
  const ns = testbed().demoNamespace;
  const cluster = `Full run bed ${unique()}`;
  await connectTestbed(page, cluster);
  const id = await createGameDay(page, `Full-duration GameDay ${unique()}`);
  await draftClusterExperiment(page, id, { title: opts.title, hypothesis: "Checkout keeps serving", durationSec: opts.durationSec, kind: opts.kind, cluster, namespace: ns, selector: opts.selector, sample: opts.sample });
  await page.getByRole("button", { name: "Create experiment" }).click();
  await page.getByRole("article", { name: opts.title }).getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Running");
  return page.url().split("/runs/")[1].split(/[/?#]/)[0];
}

/** Samples the run's row every 2 s until it is no longer live; returns every sample. */
async function watchLease(runId: string, untilMs: number): Promise<RunRow[]> {
  const samples: RunRow[] = [];
  const deadline = Date.now() + untilMs;
  while (Date.now() < deadline) {
    const row = await readRunRow(runId);
    samples.push(row);
    if (!["preflight", "running", "stopping"].includes(row.status)) break;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return samples;
}

function expectLeaseKeptMoving(samples: RunRow[], owner: string) {
  const running = samples.filter((s) => s.status === "running");
  // 60 s sampled every 2 s: far more than the 15 s lease, so a lease that never moves lapses inside the window.
  expect(running.length).toBeGreaterThan(20);
  for (const s of running) expect(s.leaseOwner).toBe(owner);
  const expiries = running.map((s) => s.leaseExpiresAt!.getTime());
  expect(new Set(expiries).size).toBeGreaterThan(5);
  for (let i = 1; i < expiries.length; i++) expect(expiries[i]).toBeGreaterThanOrEqual(expiries[i - 1]);
  expect(expiries.at(-1)! - expiries[0]).toBeGreaterThan(40_000);
}

test("a 60 s cluster run ends by itself as Completed, its lease renewed throughout", async ({ page }) => {
  test.setTimeout(240_000);
  await asAdmin(page);
  await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);
  const runId = await startExperiment(page, { title: "Kill a checkout pod for a minute", kind: "pod-kill", selector: "app=checkout", durationSec: 60, sample: 1 });
  const owner = (await readRunRow(runId)).leaseOwner!;
  expect(owner).toBeTruthy();

  const samples = await watchLease(runId, 120_000);
  expect(samples.at(-1)!.status).toBe("completed");
  expectLeaseKeptMoving(samples, owner);

  await page.reload();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Duration elapsed: the experiment ended by itself");
  await expect(timeline).not.toContainText("took over");
  await expect(timeline).not.toContainText("Aborted");
  await expect(page.getByTestId("ledger")).toContainText("reverted");
});

test("two replicas: a run completes on the replica that started it; killing that replica hands the run to the other", async ({ browser, baseURL }) => {
  test.skip(!onPostgres, "several replicas need PostgreSQL (DATABASE_URL=postgres://…)");
  test.setTimeout(420_000);
  const replica = new Replica(Number(new URL(baseURL!).port) + 2);
  await replica.start();
  const context = await browser.newContext({ baseURL: replica.url });
  const page = await context.newPage();
  try {
    await asAdmin(page);
    await expect.poll(() => readyPods("checkout"), { timeout: 60_000 }).toBe(3);

    // Started on replica B, driven to its end by B, not taken over by A.
    const runId = await startExperiment(page, { title: "Kill a checkout pod on B", kind: "pod-kill", selector: "app=checkout", durationSec: 60, sample: 1 });
    const owner = (await readRunRow(runId)).leaseOwner!;
    const samples = await watchLease(runId, 120_000);
    expect(samples.at(-1)!.status).toBe("completed");
    expectLeaseKeptMoving(samples, owner);

    // Replica B dies mid-run: replica A takes the run over and reverts its fault.
    const ns = testbed().demoNamespace;
    const before = (await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas!;
    const crashId = await startExperiment(page, { title: "Scale catalog to zero on B", kind: "scale-down", selector: "app=catalog", durationSec: 600 });
    // One process, one identity: B's second run has the same owner as its first.
    expect((await readRunRow(crashId)).leaseOwner).toBe(owner);
    expect((await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas).toBe(0);
    await replica.kill();
    await expect.poll(async () => (await admin().apps.readNamespacedDeployment({ name: "catalog", namespace: ns })).spec!.replicas, { timeout: 90_000 }).toBe(before);
    const taken = await readRunRow(crashId);
    expect(taken.status).toBe("aborted");
    expect(taken.leaseOwner).toBeNull();
    const onA = await browser.newPage({ baseURL });
    await asAdmin(onA);
    await onA.goto(`/gamedays/${page.url().split("/gamedays/")[1].split("/")[0]}/runs/${crashId}`);
    await expect(onA.getByTestId("run-status")).toHaveText("Aborted");
    await expect(onA.getByTestId("timeline")).toContainText("Firedrill took over and reverts everything it applied");
    await onA.close();
  } finally {
    await context.close();
    await replica.kill();
  }
});
