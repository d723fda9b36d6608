import { expect, test } from "@playwright/test";
import { expectLive, moveRoomTo, openRoom } from "../live/room";
import { Replica } from "../live/replica";

// Two app processes on one PostgreSQL database, the screens split between
// them: changes cross replicas (LISTEN/NOTIFY), and screens of a replica
// that went down catch up when it is back.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
test.skip(!onPostgres, "several replicas need PostgreSQL (DATABASE_URL=postgres://…)");

test("screens on two replicas see each other's changes, and catch up after a replica restarts", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const replica = new Replica(Number(process.env.E2E_REPLICA_PORT ?? Number(new URL(baseURL!).port) + 1));
  await replica.start();
  try {
    const a = baseURL!;
    const b = replica.url;
    const room = await openRoom(browser, { facilitator: a, alice: a, bob: b, viewer: b });
    const { facilitator: fac, alice, bob, viewer, gameDayId: id } = room;
    const everyone = [fac, alice, bob, viewer];

    for (const s of [alice, bob, viewer]) {
      await s.page.goto(`/gamedays/${id}?follow=1`);
      await expectLive(s.page);
    }
    await fac.page.goto(`/gamedays/${id}`);
    await expectLive(fac.page);

    // The facilitator (replica A) moves the room; followers on both replicas follow.
    await moveRoomTo(fac.page, id, "Brainstorm");
    for (const s of [alice, bob, viewer]) await expect(s.page, s.name).toHaveURL(new RegExp(`/gamedays/${id}/board$`));
    await fac.page.goto(`/gamedays/${id}/board`);
    await expectLive(fac.page);

    // A card added on replica B appears on replica A and vice versa.
    const addCard = async (page: typeof bob.page, title: string) => {
      const add = page.getByRole("form", { name: "Add failure mode" });
      await add.getByLabel("Failure mode").fill(title);
      await add.getByLabel("Where is it injected?").selectOption("network");
      await add.getByRole("button", { name: "Add card" }).click();
    };
    await addCard(bob.page, "DNS resolution fails in one zone");
    for (const s of everyone) await expect(s.page.getByRole("article", { name: "DNS resolution fails in one zone" }), s.name).toBeVisible();

    // Votes from both replicas at once both count.
    const card = (s: typeof bob) => s.page.getByRole("article", { name: "DNS resolution fails in one zone" });
    await Promise.all([card(alice).getByRole("button", { name: /▲ 0/ }).click(), card(bob).getByRole("button", { name: /▲ 0/ }).click()]);
    for (const s of everyone) await expect(card(s).getByRole("button", { name: /▲ 2/ }), s.name).toBeVisible();
    await expect(card(viewer).getByRole("button", { name: /▲ 2/ })).toBeDisabled();

    // Replica B goes down; its screens notice. Meanwhile replica A's people work on.
    await replica.stop();
    await expect(bob.page.getByTestId("live-status")).toHaveAttribute("data-connection", "reconnecting");
    await addCard(alice.page, "Message queue fills up");
    await expect(fac.page.getByRole("article", { name: "Message queue fills up" })).toBeVisible();
    await moveRoomTo(fac.page, id, "Estimate");
    await expect(alice.page).toHaveURL(new RegExp(`/gamedays/${id}/estimates$`));

    // B is back: its screens reconnect, learn what they missed, and follow the room.
    await replica.start();
    for (const s of [bob, viewer]) {
      await expect(s.page, s.name).toHaveURL(new RegExp(`/gamedays/${id}/estimates$`), { timeout: 45_000 });
      await expect(s.page.getByRole("region", { name: "Estimate for Message queue fills up" }), s.name).toBeVisible();
      await expectLive(s.page);
    }
    await room.close();
  } finally {
    await replica.stop();
  }
});
