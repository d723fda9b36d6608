import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { sqlOnAppDb as sql } from "../security/app-db";

/** Creates a personal access token on /settings/tokens and returns it (shown once). */
export async function createToken(page: Page, name: string, scope: "read" | "run"): Promise<string> {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "New token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Scope").selectOption(scope);
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toHaveText(/^fdt_/);
  return (await shown.innerText()).trim();
}

/**
 * Makes a token of the member `email` that expired yesterday, straight in the
 * database (the UI only makes tokens that last a day or more), and returns it.
 */
export async function insertExpiredToken(email: string, scope: "read" | "run"): Promise<string> {
  const token = `fdt_${crypto.randomBytes(32).toString("base64url")}`;
  const [user] = (await sql(`SELECT u.id AS "userId", m."teamId" AS "teamId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = ?`, [email])) as { userId: string; teamId: string }[];
  const url = process.env.DATABASE_URL ?? "";
  const yesterday = new Date(Date.now() - 86_400_000);
  // Prisma's SQLite adapter stores dates as ISO text with an explicit offset.
  const at = /^postgres/.test(url) ? yesterday : yesterday.toISOString().replace("Z", "+00:00");
  await sql(`INSERT INTO "ApiToken" (id, "userId", "teamId", name, "tokenHash", prefix, scope, "createdAt", "expiresAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    `expired${crypto.randomBytes(6).toString("hex")}`, user.userId, user.teamId, "expired", crypto.createHash("sha256").update(token).digest("hex"), token.slice(0, 12), scope, at, at,
  ]);
  return token;
}

/** How many rows a table has (to prove a refused request wrote nothing). */
export async function countRows(table: "Experiment" | "Run" | "AuditLog", where = "1=1", params: unknown[] = []): Promise<number> {
  const [row] = (await sql(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, params)) as { n: number | string }[];
  return Number(row.n);
}
