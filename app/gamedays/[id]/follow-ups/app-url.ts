import "server-only";
import { publicUrl } from "@/lib/runtime/public-url";

/**
 * The app's public origin for links back from tickets: FIREDRILL_PUBLIC_URL
 * or NEXTAUTH_URL only. Never the request's Host or X-Forwarded-Host: a
 * crafted request would otherwise file tickets linking to any site. Without
 * one configured, tickets carry no link back (their Firedrill reference
 * still names the follow-up).
 */
export async function appUrl(): Promise<string | null> {
  return publicUrl();
}
