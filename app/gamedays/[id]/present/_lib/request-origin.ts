import "server-only";
import { headers } from "next/headers";

/**
 * The origin people reach this server at, for join links: NEXTAUTH_URL when
 * the installation names itself (behind a load balancer), else the request's
 * own host, as the browser that asked sees it.
 */
export async function requestOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host") || "127.0.0.1:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() || "http";
  return `${proto}://${host}`;
}
