import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { asAdmin, createGameDay, invite, signUp, unique } from "../support/app";

export interface Seat {
  name: string;
  context: BrowserContext;
  page: Page;
}

export interface Room {
  gameDayId: string;
  facilitator: Seat;
  alice: Seat;
  bob: Seat;
  viewer: Seat;
  close(): Promise<void>;
}

async function seat(browser: Browser, baseURL: string, name: string): Promise<Seat> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 900 } });
  return { name, context, page: await context.newPage() };
}

/**
 * A GameDay room: the facilitator (the installation's admin) creates a
 * GameDay and invites two participants and a viewer, each signed in in a
 * browser context of their own. `servers` says which app process each
 * seat talks to (one URL for everyone, or several replicas).
 */
export async function openRoom(browser: Browser, servers: { facilitator: string; alice: string; bob: string; viewer: string }): Promise<Room> {
  const facilitator = await seat(browser, servers.facilitator, "facilitator");
  await asAdmin(facilitator.page);
  const gameDayId = await createGameDay(facilitator.page, `Live room ${unique()}`);
  const people = [
    { key: "alice", role: "participant", name: "Alice Participant" },
    { key: "bob", role: "participant", name: "Bob Participant" },
    { key: "viewer", role: "viewer", name: "Val Viewer" },
  ] as const;
  const seats: Record<string, Seat> = {};
  for (const p of people) {
    const email = `${p.key}-${unique()}@firedrill.test`;
    const token = await invite(facilitator.page, email, p.role);
    const s = await seat(browser, servers[p.key], p.key);
    await signUp(s.page, { name: p.name, email, password: `${p.key} password 123` }, token);
    await expect(s.page.getByRole("heading", { name: "GameDays" })).toBeVisible();
    seats[p.key] = s;
  }
  return {
    gameDayId,
    facilitator,
    alice: seats.alice,
    bob: seats.bob,
    viewer: seats.viewer,
    close: async () => {
      for (const s of [facilitator, seats.alice, seats.bob, seats.viewer]) await s.context.close();
    },
  };
}

/** Waits until the page's live feed is connected (so a change made now will reach it). */
export async function expectLive(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connection", "live");
}

/** The facilitator moves the room one step forward from the Gather page's controls. */
export async function moveRoomTo(page: Page, gameDayId: string, label: string) {
  if (!new URL(page.url()).pathname.endsWith(`/gamedays/${gameDayId}`)) await page.goto(`/gamedays/${gameDayId}`);
  await page.getByRole("button", { name: `Move room to ${label} →` }).click();
  await expect(page.getByText(`Now: ${label}`)).toBeVisible();
}
