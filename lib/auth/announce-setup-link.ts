import "server-only";
import { accessPolicy } from "./access-policy";
import { issueSetupToken } from "./installation";

/**
 * While the installation has no admin and the server can be reached from
 * other machines, prints a one-time link that creates the first admin: only
 * whoever can read the server's log can claim a new install (a loopback-only
 * server needs no link: nobody else can reach it).
 */
export async function announceSetupLink(): Promise<void> {
  if (accessPolicy().loopbackOnly) return;
  const issued = await issueSetupToken();
  if (!issued) return;
  const host = process.env.FIREDRILL_LISTEN_HOST === "0.0.0.0" || process.env.FIREDRILL_LISTEN_HOST === "::" ? "<this machine's address>" : process.env.FIREDRILL_LISTEN_HOST;
  const base = (process.env.FIREDRILL_PUBLIC_URL ?? process.env.NEXTAUTH_URL)?.replace(/\/+$/, "") ?? `http://${host}:${process.env.PORT ?? 3000}`;
  console.log(`firedrill: no admin yet. Create the first admin with this one-time link (valid until ${issued.expiresAt.toISOString()}, replaced at each start):\n  ${base}/signup?setup=${issued.token}`);
}
