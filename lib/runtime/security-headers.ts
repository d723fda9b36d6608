/**
 * The hash of the one inline script Firedrill writes itself: the theme
 * script in app/layout.tsx, which runs before paint (no flash on the big
 * screen). Next puts the request's nonce on its own scripts, not on this
 * one, so the policy names it by hash; security-headers.test.ts recomputes
 * it from the layout's source, so an edit there cannot silently break it.
 */
export const THEME_SCRIPT_HASH = "sha256-T3vE7ApFGsu584Q112HSrBD7/6WeNtXBdX5g7lpwJek=";

/**
 * The Content-Security-Policy of every response (OWASP CSP cheat sheet, strict policy):
 * - script-src: only scripts carrying this request's nonce (Next adds it to all
 *   of its scripts when it finds it in the request's CSP header) and those they
 *   load ('strict-dynamic'), plus the theme script by hash. No 'unsafe-inline',
 *   no 'unsafe-eval' (development only: React's dev tooling evaluates code).
 * - style-src 'unsafe-inline': React `style` props and recharts write style
 *   attributes, which no nonce can cover; style cannot run script, and every
 *   user text is escaped before it reaches the page.
 * - img-src data: for the presenter's QR code; connect-src 'self' for fetches
 *   and the live feed (server-sent events on /api/live).
 * - object-src, frame-ancestors, base-uri, form-action: no plugins, no framing
 *   (clickjacking), no <base> hijack, forms post only to Firedrill.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' '${THEME_SCRIPT_HASH}'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * Every security header of a response. `https` (the configured public URL is
 * https) adds HSTS, which browsers ignore over plain http anyway.
 */
export function securityHeaders(opts: { nonce: string; dev: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts.nonce, opts),
    "X-Content-Type-Options": "nosniff",
    // Cross-origin requests get the origin only: a share link's token never leaves in a Referer.
    // (Not no-referrer: server actions need the Origin header, which no-referrer turns into "null".)
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    // The presenter uses fullscreen; nothing uses devices, location or payments.
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), fullscreen=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
