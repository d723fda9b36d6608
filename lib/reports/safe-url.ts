/** The schemes a report may link to; anything else is shown as text. */
const LINK_SCHEMES = new Set(["https:", "http:", "mailto:"]);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const TAB_NEWLINE = /[\t\n\r]/g;
// Only for resolving a relative path; never appears in output.
const PROBE_ORIGIN = "https://firedrill.invalid";

/**
 * The one gate every URL passes before it becomes a link (`href`, `src`) in
 * a report, in HTML, on screen or in Markdown: https, http and mailto URLs,
 * and paths inside Firedrill ("/gamedays/…"). Returns the URL normalised by
 * the WHATWG parser (what a browser would follow), or null when the URL must
 * be shown as plain text: other schemes (javascript:, data:, vbscript:,
 * file:), protocol-relative "//host", backslash tricks, and anything the
 * parser refuses. The input is raw text, never HTML: an entity such as
 * "&#106;avascript:" is not decoded, so it is no scheme at all and refused.
 * OWASP XSS Prevention rule 5: allow-list URL schemes, then encode.
 */
export function safeLinkUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  // What the WHATWG URL parser itself ignores: leading/trailing C0 controls and
  // spaces, and tabs/newlines anywhere ("java\tscript:" is "javascript:").
  const text = trimControls(raw).replace(TAB_NEWLINE, "");
  if (!text || text.length > 2048) return null;
  if (SCHEME.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    if (!LINK_SCHEMES.has(url.protocol)) return null;
    if (url.protocol !== "mailto:" && !url.hostname) return null;
    return url.href;
  }
  // A path inside Firedrill: one leading slash, not "//evil" or "/\evil" (both leave the site).
  if (!text.startsWith("/") || text[1] === "/" || text[1] === "\\") return null;
  let url: URL;
  try {
    url = new URL(text, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

function trimControls(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}
