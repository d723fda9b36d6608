import { expect, test } from "@playwright/test";
import { expectLive, moveRoomTo, openRoom } from "../live/room";

// Four screens of one GameDay (facilitator, two participants, a viewer) see
// each other's changes without reloading, follow the facilitator's step, and
// do not overwrite each other.
test("every screen sees the others' changes live; followers follow; edits do not overwrite", async ({ browser, baseURL }) => {
  const url = baseURL!;
  const room = await openRoom(browser, { facilitator: url, alice: url, bob: url, viewer: url });
  const { facilitator: fac, alice, bob, viewer, gameDayId: id } = room;
  const everyone = [fac, alice, bob, viewer];

  // Participants and the viewer join through the join link: follow mode on.
  await fac.page.goto(`/gamedays/${id}`);
  const joinLink = await fac.page.getByTestId("join-link").getAttribute("href");
  expect(joinLink).toContain(`/gamedays/${id}?follow=1`);
  for (const s of [alice, bob, viewer]) {
    await s.page.goto(new URL(joinLink!).pathname + "?follow=1");
    await expect(s.page.getByTestId("follow-mode")).toHaveAttribute("aria-pressed", "true");
    await expectLive(s.page);
  }
  await expectLive(fac.page);

  // The facilitator moves the room: every follower lands on the board by itself.
  await moveRoomTo(fac.page, id, "Brainstorm");
  for (const s of [alice, bob, viewer]) await expect(s.page, s.name).toHaveURL(new RegExp(`/gamedays/${id}/board$`));
  await fac.page.goto(`/gamedays/${id}/board`);
  await expectLive(fac.page);

  // A card added by one appears on every other screen.
  const add = alice.page.getByRole("form", { name: "Add failure mode" });
  await add.getByLabel("Failure mode").fill("Payment gateway times out");
  await add.getByLabel("Where is it injected?").selectOption("external-deps");
  await add.getByRole("button", { name: "Add card" }).click();
  for (const s of everyone) await expect(s.page.getByRole("article", { name: "Payment gateway times out" }), s.name).toBeVisible();

  // Two people vote at the same moment: both votes count, everywhere.
  const card = (s: typeof alice) => s.page.getByRole("article", { name: "Payment gateway times out" });
  await Promise.all([card(alice).getByRole("button", { name: /▲ 0/ }).click(), card(bob).getByRole("button", { name: /▲ 0/ }).click()]);
  for (const s of everyone) await expect(card(s).getByRole("button", { name: /▲ 2/ }), s.name).toBeVisible();

  // The viewer cannot vote: the button is disabled and the count does not move.
  await expect(card(viewer).getByRole("button", { name: /▲ 2/ })).toBeDisabled();

  // Conflicting edits of one card: the second save is refused, not applied silently.
  await card(alice).getByRole("button", { name: /^Edit/ }).click();
  await card(fac).getByRole("button", { name: /^Edit/ }).click();
  const facEdit = fac.page.getByRole("form", { name: "Edit Payment gateway times out" });
  await facEdit.getByLabel("Failure mode").fill("Payment gateway times out after 30 s");
  await facEdit.getByRole("button", { name: "Save card" }).click();
  for (const s of everyone) await expect(s.page.getByRole("article", { name: "Payment gateway times out after 30 s" }), s.name).toBeVisible();
  const aliceEdit = alice.page.getByRole("form", { name: "Edit Payment gateway times out" });
  await aliceEdit.getByLabel("Failure mode").fill("Payment gateway returns 503");
  await aliceEdit.getByRole("button", { name: "Save card" }).click();
  await expect(aliceEdit.getByRole("alert")).toContainText("Someone else changed this card");
  await expect(aliceEdit.getByLabel("Failure mode")).toHaveValue("Payment gateway returns 503");
  for (const s of everyone) await expect(s.page.getByRole("article", { name: "Payment gateway times out after 30 s" }), s.name).toBeVisible();
  // Having seen theirs, she deliberately keeps hers.
  await aliceEdit.getByRole("button", { name: "Save mine anyway" }).click();
  for (const s of everyone) await expect(s.page.getByRole("article", { name: "Payment gateway returns 503" }), s.name).toBeVisible();

  // Bob leaves follow mode by going elsewhere; Alice keeps following.
  await bob.page.getByRole("navigation", { name: "GameDay steps" }).getByRole("link", { name: /Gather/ }).click();
  await expect(bob.page.getByTestId("follow-mode")).toHaveAttribute("aria-pressed", "false");
  await moveRoomTo(fac.page, id, "Estimate");
  await expect(alice.page).toHaveURL(new RegExp(`/gamedays/${id}/estimates$`));
  await expect(viewer.page).toHaveURL(new RegExp(`/gamedays/${id}/estimates$`));
  // Bob stayed where he went, yet his screen shows where the room is now.
  await expect(bob.page.getByText("Now: Estimate")).toBeVisible();
  await expect(bob.page).toHaveURL(new RegExp(`/gamedays/${id}$`));
  await bob.page.getByTestId("follow-mode").click();
  await expect(bob.page).toHaveURL(new RegExp(`/gamedays/${id}/estimates$`));

  // A dropped connection: changes made meanwhile are there once it is back.
  await bob.context.setOffline(true);
  await expect(bob.page.getByTestId("live-status")).toHaveAttribute("data-connection", "reconnecting");
  const est = alice.page.getByRole("region", { name: "Estimate for Payment gateway returns 503" });
  await est.getByLabel("Hypothesis").fill("Checkout degrades to a retry page, no lost orders");
  await est.getByLabel("Expected severity").selectOption("3");
  await est.getByLabel("Expected user impact").selectOption("degraded");
  await est.getByRole("button", { name: "Save estimate" }).click();
  await expect(est.getByText("Estimate saved.")).toBeVisible();
  await bob.context.setOffline(false);
  await expectLive(bob.page);
  await expect(bob.page.getByRole("region", { name: "Estimate for Payment gateway returns 503" })).toContainText("Checkout degrades to a retry page");

  await room.close();
});
