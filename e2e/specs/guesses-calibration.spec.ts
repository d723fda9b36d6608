// The room's own guesses, end to end on the production build: three people
// guess from their laptops (three browser contexts), the big screen (a
// fourth, at 4K, signed in as a viewer) counts them live without showing a
// figure, crafted server-action requests are refused with nothing written
// (a viewer, another team's member, a guess after the start) and no page or
// API gives away someone else's guess before the end; the run ends and the
// reveal appears on the big screen beside the measurement; after a second
// GameDay the calibration page charts estimate vs measured with the typical
// error. Screenshots go to .data/shots/.
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, asAdmin, createGameDay, invite, signUp, unique } from "../support/app";
import { addCard, staycation } from "../live/seed";
import { moveRoomTo } from "../live/room";
import { auditLegibility } from "../live/legibility";
import { sqlOnAppDb } from "../security/app-db";
import { callAction, loadActionManifest, newClient, signInOverHttp } from "../security/http";

const SHOTS = ".data/shots";
const SAVE_GUESS = "app/gamedays/[id]/experiments/guess-actions.ts#saveGuessAction";

interface Person {
  name: string;
  email: string;
  password: string;
  page: Page;
}

async function person(browser: Browser, baseURL: string, admin: Page, name: string, role: string, viewport = { width: 1366, height: 900 }): Promise<Person> {
  const email = `${name.toLowerCase()}-${unique()}@firedrill.test`;
  const password = `${name} password 123`;
  const token = await invite(admin, email, role);
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  await signUp(page, { name, email, password }, token);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  return { name, email, password, page };
}

async function addParticipant(admin: Page, gameDayId: string, p: { name: string; email: string }) {
  await admin.goto(`/gamedays/${gameDayId}`);
  const form = admin.getByRole("form", { name: "Invite participant" });
  await form.getByLabel("Name").fill(p.name);
  await form.getByLabel("Email").fill(p.email);
  await form.getByRole("button", { name: "Add participant" }).click();
  await expect(admin.getByText(p.email)).toBeVisible();
}

async function guess(page: Page, gameDayId: string, title: string, g: { detect: string; recover: string; page: "yes" | "no" }) {
  if (!page.url().endsWith(`/gamedays/${gameDayId}/experiments`)) await page.goto(`/gamedays/${gameDayId}/experiments`);
  const card = page.getByRole("region", { name: `Your guess for ${title}` });
  await card.getByLabel("Time to detect (min)").fill(g.detect);
  await card.getByLabel("Time to recover (min)").fill(g.recover);
  await card.getByLabel("Will it page?").selectOption(g.page);
  await card.getByRole("button", { name: /my guess/ }).click();
  await expect(card.getByText("Guess saved. Nobody sees it until the run ends.")).toBeVisible();
}

async function measure(page: Page, m: { detect: string; recover: string; paged: boolean }) {
  const form = page.getByRole("form", { name: "Measured impact" });
  await form.getByLabel("Measured severity").selectOption("3");
  await form.getByLabel("Measured user impact").selectOption("degraded");
  if (m.paged) await form.getByLabel("Someone was paged").check();
  await form.getByLabel("Time to detect (min)").fill(m.detect);
  await form.getByLabel("Time to recover (min)").fill(m.recover);
  await form.getByLabel("Disproved").check();
  await form.getByRole("button", { name: "Save measured impact" }).click();
  await expect(form.getByText("Measured impact saved.")).toBeVisible();
}

/** The presenter's legibility audit (1/45 of the height, AA contrast) in both themes, back to dark. */
async function legible(page: Page, what: string) {
  const theme = async () => (await page.locator("html").getAttribute("data-theme")) ?? "dark";
  for (const want of ["dark", "light"] as const) {
    if ((await theme()) !== want) await page.keyboard.press("d");
    await expect.poll(theme).toBe(want);
    const report = await auditLegibility(page);
    expect(report.checked, `${what}, ${want}: text found`).toBeGreaterThan(5);
    expect(report.issues, `${what}, ${want}: ${JSON.stringify(report.issues)}`).toEqual([]);
  }
  await page.keyboard.press("d");
  await expect.poll(theme).toBe("dark");
}

/** Every guess's rows, read straight from the app's database: "nothing written" is checked there. */
const guessRows = async () => JSON.stringify(await sqlOnAppDb(`SELECT * FROM "PersonalEstimate" ORDER BY "id"`));

// Recovery guesses unusual enough that finding one in a response can only mean it leaked.
const ADA = { detect: "1.25", recover: "7.25", page: "yes" } as const;
const BEA = { detect: "2.75", recover: "13.75", page: "no" } as const;
const CY = { detect: "6.5", recover: "41.5", page: "yes" } as const;

test("three people guess, the big screen counts then reveals, calibration after two GameDays", async ({ browser, baseURL, page: admin }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const manifest = loadActionManifest();
  const saveGuess = manifest.find((a) => a.key === SAVE_GUESS)!;
  expect(saveGuess, "the build holds the guess action").toBeTruthy();

  await asAdmin(admin);
  const adaName = ADMIN.name;
  const bea = await person(browser, baseURL!, admin, "Bea", "participant");
  const cy = await person(browser, baseURL!, admin, "Cy", "participant");
  const dee = await person(browser, baseURL!, admin, "Dee", "participant"); // expected, never guesses
  const tv = await person(browser, baseURL!, admin, "Val", "viewer", { width: 3840, height: 2160 }); // the room's TV

  const title = "Staycation: on-call away";
  const gd1 = await createGameDay(admin, `Guesses March ${unique()}`);
  for (const p of [bea, cy, dee]) await addParticipant(admin, gd1, p);
  await addCard(admin, gd1, "On-call engineer is unreachable", "people");
  await staycation(admin, gd1, title, "On-call engineer is unreachable", 600);
  for (const label of ["Brainstorm", "Estimate", "Experiments"]) await moveRoomTo(admin, gd1, label);

  // The big screen follows the room: the experiment up next, nobody guessed yet.
  await tv.page.goto(`/gamedays/${gd1}/present`);
  await expect(tv.page.getByTestId("presenter").getByTestId("live-status")).toHaveAttribute("data-connection", "live");
  const count = tv.page.getByTestId("presenter-guess-count");
  await expect(count).toHaveText(/0 of 4 guessed · waiting for/);

  await guess(admin, gd1, title, ADA);
  await guess(bea.page, gd1, title, BEA);
  await expect(count).toHaveText(/2 of 4 guessed · waiting for Cy, Dee/);
  await guess(cy.page, gd1, title, CY);
  // Live, without a reload: the count and who is awaited, never a figure.
  await expect(count).toHaveText("3 of 4 guessed · waiting for Dee");
  await expect(tv.page.getByTestId("presenter")).not.toContainText("41.5");
  await legible(tv.page, "the guess count at 4K");
  // Bea's laptop shows her own guess and the others' names only.
  await bea.page.goto(`/gamedays/${gd1}/experiments`);
  const beaCard = bea.page.getByRole("region", { name: `Your guess for ${title}` });
  await expect(beaCard.getByTestId("guess-count")).toContainText(`3 of 4 guessed · ${[adaName, "Bea", "Cy"].sort((a, b) => a.localeCompare(b)).join(", ")} · waiting for Dee`);
  await expect(beaCard.getByLabel("Time to recover (min)")).toHaveValue("13.75");
  await beaCard.screenshot({ path: `${SHOTS}/guess-card-laptop.png` });

  // Reading others' guesses before the end, the way an attacker would: every page's HTML and
  // React payload, as Bea and as the TV, holds no one else's figures.
  const leaks = async (p: Page, paths: string[], own: string[]) => {
    for (const path of paths) {
      for (const headers of [{}, { rsc: "1" }] as Record<string, string>[]) {
        const body = await (await p.request.get(path, { headers })).text();
        for (const v of [ADA.recover, BEA.recover, CY.recover].filter((x) => !own.includes(x))) expect(body, `${path} ${JSON.stringify(headers)} holds ${v}`).not.toContain(v);
      }
    }
  };
  await leaks(bea.page, [`/gamedays/${gd1}/experiments`, `/gamedays/${gd1}/present`, `/gamedays/${gd1}`], [BEA.recover]);
  await leaks(tv.page, [`/gamedays/${gd1}/experiments`, `/gamedays/${gd1}/present`], []);

  // Crafted server-action requests: a viewer, and another team's admin, are refused; nothing is written.
  const experimentId = ((await sqlOnAppDb(`SELECT "id" FROM "Experiment" WHERE "gameDayId" = ?`, [gd1]))[0] as { id: string }).id;
  const crafted = { experimentId, timeToDetectMin: "0.5", timeToRecoverMin: "99", willPage: "no" };
  const before = await guessRows();
  const viewerCall = await callAction(tv.page.request, baseURL!, saveGuess, `/gamedays/${gd1}/experiments`, [null, crafted]);
  expect(viewerCall.result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  // Another team's admin: invited here, then moved to a team of its own (as the security suite's world does).
  const mallory = await person(browser, baseURL!, admin, "Mallory", "admin");
  await mallory.page.context().close();
  const otherEmail = mallory.email;
  const other = await newClient(baseURL!);
  const teamB = `teamb${unique()}`;
  await sqlOnAppDb(`INSERT INTO "Team" ("id", "name", "createdAt") VALUES (?, ?, ?)`, [teamB, "Team B", new Date().toISOString()]);
  await sqlOnAppDb(`UPDATE "Membership" SET "teamId" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`, [teamB, otherEmail]);
  expect((await signInOverHttp(other, otherEmail, mallory.password)).status).toBe(200);
  const otherCall = await callAction(other, baseURL!, saveGuess, `/gamedays/${gd1}/experiments`, [null, crafted]);
  expect(otherCall.result).toMatchObject({ ok: false, code: "NOT_FOUND" });
  expect(await guessRows(), "refused guesses wrote nothing").toBe(before);

  // The facilitator starts the run: guesses lock.
  await moveRoomTo(admin, gd1, "Run");
  await admin.goto(`/gamedays/${gd1}/experiments`);
  await admin.getByRole("article", { name: title }).getByRole("button", { name: "Start run" }).click();
  await expect(admin.getByTestId("run-status")).toHaveText("Running");
  const runUrl = new URL(admin.url()).pathname;
  const runId = runUrl.split("/runs/")[1];
  await expect(count).toHaveText("3 of 4 guessed · locked, revealed at the end");
  await bea.page.goto(`/gamedays/${gd1}/experiments`);
  await expect(beaCard).toHaveAttribute("data-guess-phase", "locked");
  await expect(beaCard.getByTestId("my-guess")).toHaveText("You guessed: detect 2.75 min, recover 13.75 min, no page.");
  await expect(beaCard.getByRole("button", { name: /my guess/ })).toHaveCount(0);
  // A guess after the start, crafted: refused with the reason, nothing written.
  const bound = await guessRows();
  expect(bound).not.toContain('"slot":"next"'); // the start bound every guess to its run
  const late = await callAction(bea.page.request, baseURL!, saveGuess, `/gamedays/${gd1}/experiments`, [null, { ...crafted, timeToRecoverMin: "60" }]);
  expect(late.result).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("guesses are locked") });
  expect(await guessRows(), "a late guess wrote nothing").toBe(bound);
  await leaks(bea.page, [runUrl, `/gamedays/${gd1}/present`, `/api/runs/${runId}`], [BEA.recover]);
  await leaks(tv.page, [runUrl, `/gamedays/${gd1}/present`, `/api/runs/${runId}`], []);
  await legible(tv.page, "the locked count at 4K");
  await tv.page.screenshot({ path: `${SHOTS}/presenter-locked-4k.png` });

  // The run ends; the reveal is on the big screen, then the measurement arrives beside it.
  await admin.getByRole("button", { name: "■ Stop" }).click();
  await expect(admin.getByTestId("run-status")).toHaveText("Completed");
  const reveal = tv.page.getByTestId("presenter-reveal");
  await expect(reveal).toBeVisible();
  await measure(admin, { detect: "3", recover: "30", paged: true });
  await expect(tv.page.getByTestId("presenter-measured")).toContainText("30 min");
  await expect(reveal.locator('tr[data-guesser="Cy"]')).toContainText("41.5 min");
  await expect(reveal.locator('tr[data-guesser="Cy"]')).toContainText("1.4x too pessimistic");
  await expect(reveal.locator('tr[data-guesser="Bea"]')).toContainText("2.2x too optimistic");
  await expect(reveal.locator('tr[data-guesser="Bea"]')).toContainText("✗ wrong");
  await expect(reveal.locator(`tr[data-guesser="${adaName}"]`)).toContainText("4.1x too optimistic");
  await expect(tv.page.getByTestId("presenter-room-error")).toContainText("page right 2/3");
  // At 4K the reveal fits its panel (nothing cut off) and its figures are large.
  const fits = await reveal.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, scrollW: el.scrollWidth, clientW: el.clientWidth, font: parseFloat(getComputedStyle(el.querySelector("td")!).fontSize) }));
  expect(fits.scroll).toBeLessThanOrEqual(fits.client + 1);
  expect(fits.scrollW).toBeLessThanOrEqual(fits.clientW + 1);
  expect(fits.font).toBeGreaterThanOrEqual(48);
  await legible(tv.page, "the reveal at 4K");
  await tv.page.screenshot({ path: `${SHOTS}/presenter-reveal-4k.png` });
  // The run page shows it too.
  await bea.page.goto(runUrl);
  await expect(bea.page.getByTestId("guess-reveal").locator('tr[data-guesser="Cy"]')).toContainText("41.5 min");

  // A second GameDay: two of them guess.
  const gd2 = await createGameDay(admin, `Guesses April ${unique()}`);
  for (const p of [bea, cy]) await addParticipant(admin, gd2, p);
  await addCard(admin, gd2, "On-call engineer is unreachable", "people");
  await staycation(admin, gd2, title, "On-call engineer is unreachable", 600);
  await guess(admin, gd2, title, { detect: "2", recover: "8", page: "yes" });
  await guess(bea.page, gd2, title, { detect: "3", recover: "9", page: "no" });
  await admin.goto(`/gamedays/${gd2}/experiments`);
  await admin.getByRole("article", { name: title }).getByRole("button", { name: "Start run" }).click();
  await expect(admin.getByTestId("run-status")).toHaveText("Running");
  await admin.getByRole("button", { name: "■ Stop" }).click();
  await expect(admin.getByTestId("run-status")).toHaveText("Completed");
  await measure(admin, { detect: "4", recover: "20", paged: false });

  // Calibration: the team's, charted over both GameDays, with the typical error and its direction.
  await admin.getByRole("link", { name: "Calibration" }).click();
  await expect(admin.getByRole("heading", { name: /^Calibration: / })).toBeVisible();
  const ttr = admin.getByTestId("calibration-timeToRecoverMin");
  await expect(ttr).toHaveAttribute("data-points", "2");
  await expect(admin.getByTestId("calibration-sentence-timeToRecoverMin")).toHaveText("Time to recover is estimated 2.1x too optimistic (5 guesses).");
  await expect(admin.getByTestId("calibration-sentence-timeToDetectMin")).toHaveText("Time to detect is estimated 1.3x too optimistic (5 guesses).");
  await expect(admin.getByTestId("calibration-summary")).toContainText("Will it page: right 3 of 5 times (60%).");
  await expect(ttr.locator(".recharts-line-curve").first()).toBeVisible();
  await expect(ttr.getByText("typical: 2.1x too optimistic")).toBeVisible();
  await admin.screenshot({ path: `${SHOTS}/calibration-team-1080p.png`, fullPage: false });

  // One person's: Bea sees hers; Cy may not open Bea's (refused by the server, nothing of it sent).
  const beaId = ((await sqlOnAppDb(`SELECT "id" FROM "User" WHERE "email" = ?`, [bea.email]))[0] as { id: string }).id;
  await bea.page.goto("/calibration");
  await bea.page.getByRole("link", { name: "Mine" }).click();
  await expect(bea.page.getByTestId("calibration-sentence-timeToRecoverMin")).toHaveText("Time to recover is estimated 2.2x too optimistic (2 guesses).");
  await bea.page.screenshot({ path: `${SHOTS}/calibration-person-1080p.png` });
  const refused = await cy.page.request.get(`/calibration?person=${beaId}`);
  const refusedBody = await refused.text();
  expect(refusedBody).toContain("shown to them and to facilitators and admins");
  expect(refusedBody).not.toContain("2.2x too optimistic");
  // A facilitator (here the admin) may open it.
  await admin.goto(`/calibration?person=${beaId}`);
  await expect(admin.getByTestId("calibration-sentence-timeToRecoverMin")).toHaveText("Time to recover is estimated 2.2x too optimistic (2 guesses).");
  await other.dispose();
});
