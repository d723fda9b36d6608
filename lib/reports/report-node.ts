import { escapeHtml } from "./escape-html";
import { safeLinkUrl } from "./safe-url";

/**
 * The elements a report is made of: the only tags a report can contain,
 * whichever renderer turns it into markup (toHtml below for the downloads and
 * the PDF, React for the report and share pages).
 */
export const REPORT_TAGS = [
  "article", "header", "section", "div", "h1", "h2", "h3", "p", "strong", "span", "br", "ul", "ol", "li", "time", "a",
  "table", "caption", "thead", "tbody", "tr", "th", "td", "figure",
  "svg", "title", "text", "rect", "line", "path",
] as const;
export type ReportTag = (typeof REPORT_TAGS)[number];

/** A report element; text children are plain text (never markup), attribute values plain strings. */
export interface ReportElement {
  tag: ReportTag;
  attrs: Record<string, string>;
  children: ReportNode[];
}
export type ReportNode = string | ReportElement;
type Child = ReportNode | null | undefined | false | Child[];

const TAGS = new Set<string>(REPORT_TAGS);
const VOID = new Set(["br"]);
// Attribute names a report uses: lower-case words with dashes (class, data-verdict, font-size, viewBox), never an event handler or style.
const ATTR_NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;
const URL_ATTRS = new Set(["href", "src", "xlink:href", "action", "formaction"]);

/** Builds a report element; null, false and nested arrays among the children are flattened away. */
export function h(tag: ReportTag, attrs: Record<string, string | number | null | undefined> | null, ...children: Child[]): ReportElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== null && v !== undefined) clean[k] = String(v);
  return { tag, attrs: clean, children: flatten(children) };
}

function flatten(children: Child[]): ReportNode[] {
  const out: ReportNode[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) out.push(...flatten(c));
    else if (c !== "") out.push(c);
  }
  return out;
}

/** A link when the URL passes the scheme allow-list (safe-url.ts), else its text alone. */
export function link(url: string | null | undefined, text: string): ReportNode {
  const href = safeLinkUrl(url);
  return href ? h("a", { href, rel: "noopener noreferrer" }, text) : text;
}

/**
 * Whether an attribute may be written as it is: its name is a plain word
 * (no on* handler, no style) and, for a URL attribute, its value passes the
 * allow-list. Checked again here, at the sink, whoever built the node.
 */
export function allowedAttribute(name: string, value: string): boolean {
  if (!ATTR_NAME.test(name) || /^on/i.test(name) || name.toLowerCase() === "style") return false;
  if (URL_ATTRS.has(name.toLowerCase())) return safeLinkUrl(value) !== null;
  return true;
}

/**
 * Serialises report nodes to HTML (also valid SVG/XML): every text and
 * attribute value escaped, unknown tags and unsafe attributes dropped.
 */
export function toHtml(node: ReportNode | ReportNode[]): string {
  if (Array.isArray(node)) return node.map(toHtml).join("");
  if (typeof node === "string") return escapeHtml(node);
  if (!TAGS.has(node.tag)) return toHtml(node.children);
  const attrs = Object.entries(node.attrs)
    .filter(([k, v]) => allowedAttribute(k, v))
    .map(([k, v]) => ` ${k}="${escapeHtml(URL_ATTRS.has(k.toLowerCase()) ? safeLinkUrl(v)! : v)}"`)
    .join("");
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${toHtml(node.children)}</${node.tag}>`;
}
