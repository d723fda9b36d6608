import { expect, test } from "@playwright/test";
import { asAdmin, createGameDay, invite, signOut, signUp, unique } from "../support/app";

// Roles are enforced on the server: the UI hides what a role cannot do, and
// the server refuses it even when asked directly.
test("viewers cannot change anything and participants cannot start runs", async ({ page, request }) => {
  await asAdmin(page);
  const id = await createGameDay(page, `Roles GameDay ${unique()}`);
  await page.goto(`/gamedays/${id}/board`);
  const add = page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill("Node disappears");
  await add.getByLabel("Where is it injected?").selectOption("hosts");
  await add.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("article", { name: "Node disappears" })).toBeVisible();
  await page.goto(`/gamedays/${id}/experiments/new`);
  await page.getByLabel("Title").fill("Slow lane drill");
  await page.getByLabel("Hypothesis").fill("Decisions still get made");
  await page.getByLabel("Kind").selectOption("people-slow-lane");
  await page.getByLabel("Slow person").fill("Ken");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("article", { name: "Slow lane drill" })).toBeVisible();

  const viewer = { name: "Vic Viewer", email: `vic-${unique()}@firedrill.test`, password: "viewer password 1" };
  const participant = { name: "Pat Participant", email: `pat-${unique()}@firedrill.test`, password: "participant pw 1" };
  const viewerToken = await invite(page, viewer.email, "viewer");
  const participantToken = await invite(page, participant.email, "participant");
  await signOut(page);

  // The viewer sees the board but cannot add or vote.
  await signUp(page, viewer, viewerToken);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  await page.goto(`/gamedays/${id}/board`);
  await expect(page.getByText("You are a viewer")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add failure mode" })).toHaveCount(0);
  const card = page.getByRole("article", { name: "Node disappears" });
  await expect(card.getByRole("button", { name: /▲ 0/ })).toBeDisabled();
  await page.goto("/gamedays/new");
  await expect(page.getByText("Only facilitators and admins can do this.")).toBeVisible();
  await page.goto("/audit");
  await expect(page.getByText("Only admins can do this.")).toBeVisible();
  await signOut(page);

  // The participant can vote but not start a run.
  await signUp(page, participant, participantToken);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  await page.goto(`/gamedays/${id}/board`);
  await page.getByRole("article", { name: "Node disappears" }).getByRole("button", { name: /▲ 0/ }).click();
  await expect(page.getByRole("article", { name: "Node disappears" }).getByRole("button", { name: /▲ 1/ })).toBeVisible();
  await page.goto(`/gamedays/${id}/experiments`);
  const exp = page.getByRole("article", { name: "Slow lane drill" });
  await expect(exp.getByRole("button", { name: "Start run" })).toHaveCount(0);
  await expect(exp).toContainText("Only facilitators and admins can start runs.");
  await signOut(page);

  // Without a session, routes answer 401 and pages send you to sign in.
  const md = await request.get(`/gamedays/${id}/report/markdown`);
  expect(md.status()).toBe(401);
  await page.goto(`/gamedays/${id}`);
  await expect(page).toHaveURL(/\/signin/);
});

test("unknown and malformed ids give a 404 page, not a crash", async ({ page, request }) => {
  await asAdmin(page);
  for (const path of ["/gamedays/doesnotexist", "/gamedays/doesnotexist/board", "/gamedays/bad%20id!/report", "/gamedays/x/runs/y"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const api = await page.request.get("/api/runs/doesnotexist");
  expect(api.status()).toBe(404);
  expect((await api.json()).code).toBe("NOT_FOUND");
  expect((await request.get("/api/runs/doesnotexist")).status()).toBe(401);
});
