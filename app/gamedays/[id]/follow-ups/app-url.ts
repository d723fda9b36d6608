import "server-only";
import { headers } from "next/headers";

/** The app's public origin for links back from tickets: FIREDRILL_PUBLIC_URL or NEXTAUTH_URL, else the request's host. */
export async function appUrl(): Promise<string | null> {
  const configured = process.env.FIREDRILL_PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : null;
}
