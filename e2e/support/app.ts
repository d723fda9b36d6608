import { expect, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "ada@firedrill.test", password: "correct horse battery" };

/** A unique suffix so specs sharing one database never collide. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export async function signUp(page: Page, user: { name: string; email: string; password: string }, invite?: string) {
  await page.goto(invite ? `/signup?invite=${invite}` : "/signup");
  const form = page.getByRole("form", { name: "Create account" });
  await form.getByLabel("Your name").fill(user.name);
  // With an invitation the email is the invited one, shown read-only.
  const email = form.getByLabel("Email");
  if (invite) await expect(email).toHaveValue(user.email);
  else await email.fill(user.email);
  await form.getByLabel("Password").fill(user.password);
  await form.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
}

/** Signs in as the installation's admin, creating the account (first account = admin) when the database is new. */
export async function asAdmin(page: Page) {
  await page.goto("/signin");
  if (page.url().includes("/signup")) {
    await signUp(page, ADMIN);
    await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
    return;
  }
  await signIn(page, ADMIN);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Creates a GameDay through the UI and returns its id. */
export async function createGameDay(page: Page, title: string): Promise<string> {
  await page.goto("/gamedays/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("System under test").fill("checkout service");
  await page.getByLabel("Goals").fill("Learn how checkout behaves when things fail.");
  await page.getByRole("button", { name: "Create GameDay" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return page.url().split("/gamedays/")[1].split(/[/?#]/)[0];
}

/** Invites a member with a role (as admin) and returns the invitation token. */
export async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/team");
  const form = page.getByRole("form", { name: "Invite" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Create invitation" }).click();
  // The link is shown once, right after the invitation is created.
  const link = page.getByRole("status", { name: `Invitation link for ${email}` }).getByTestId("invite-link");
  await expect(link).toBeVisible();
  return (await link.innerText()).split("invite=")[1].trim();
}
