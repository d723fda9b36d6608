import "server-only";
import { db } from "@/lib/db/client";
import { hashToken, newToken } from "./secret-token";

const SETUP_LINK_HOURS = 24;

/** Makes sure the installation's one row exists (migrations insert it; this covers databases made otherwise). */
async function ensureRow(): Promise<void> {
  await db.installation.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
}

/** Whether this installation already has its first admin. */
export async function hasFirstAdmin(): Promise<boolean> {
  await ensureRow();
  const row = await db.installation.findUniqueOrThrow({ where: { id: 1 } });
  return row.firstAdminAt !== null;
}

/**
 * Issues the one-time setup link for the first admin, or null when the
 * installation already has one. A new link replaces the previous one (each
 * server start prints a fresh link); it is stored hashed and expires.
 */
export async function issueSetupToken(now = new Date()): Promise<{ token: string; expiresAt: Date } | null> {
  await ensureRow();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000);
  const { count } = await db.installation.updateMany({ where: { id: 1, firstAdminAt: null }, data: { setupTokenHash: hashToken(token), setupTokenExpiresAt: expiresAt } });
  return count ? { token, expiresAt } : null;
}

/** Whether a setup token is the current, unexpired one (the sign-up page says so before anyone types). */
export async function isValidSetupToken(token: string, now = new Date()): Promise<boolean> {
  await ensureRow();
  const row = await db.installation.findFirst({ where: { id: 1, firstAdminAt: null, setupTokenHash: hashToken(token), setupTokenExpiresAt: { gt: now } } });
  return row !== null;
}
