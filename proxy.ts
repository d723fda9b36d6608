// Runs before every request (Next 16's Proxy, formerly middleware): a fresh
// CSP nonce for the page about to render, and the security headers on every
// response, pages, route handlers and static files alike.
import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/runtime/security-headers";
import { publicUrl } from "@/lib/runtime/public-url";

export function proxy(request: NextRequest) {
  // 16 random bytes, base64: unguessable, and of the form Next extracts ('nonce-…').
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const headers = securityHeaders({ nonce, dev: process.env.NODE_ENV === "development", https: publicUrl()?.startsWith("https:") ?? false });
  // Next reads the nonce from the request's CSP header while rendering and puts it on its scripts.
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  forwarded.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
