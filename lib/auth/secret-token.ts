import crypto from "node:crypto";

/** A random, URL-safe token for invitations, setup links and share links. */
export function newToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** What is stored of a token: its SHA-256, so a database read does not hand out working links. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
