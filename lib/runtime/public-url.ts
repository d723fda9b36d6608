/**
 * The address people reach this Firedrill at, as the operator configured it:
 * FIREDRILL_PUBLIC_URL, else NEXTAUTH_URL (scheme, host and any base path,
 * no trailing slash). Null when neither is set or the value is not an http(s)
 * URL. Every absolute Firedrill URL that leaves the server (a ticket's link
 * back, a notification, a share link) is built from this and never from a
 * request's Host or X-Forwarded-Host, which whoever sends the request chooses.
 */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.FIREDRILL_PUBLIC_URL?.trim() || env.NEXTAUTH_URL?.trim();
  if (!configured) return null;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname || url.username || url.password) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** An absolute link to a Firedrill path ("/gamedays/…") on the configured public URL; null when none is configured. */
export function publicLink(path: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = publicUrl(env);
  return base ? `${base}${path.startsWith("/") ? path : `/${path}`}` : null;
}
