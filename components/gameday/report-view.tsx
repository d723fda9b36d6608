import { createElement, type ReactNode } from "react";
import type { ReportModel } from "@/lib/reports/report-model";
import { reportTree } from "@/lib/reports/render-html";
import { allowedAttribute, REPORT_TAGS, type ReportNode } from "@/lib/reports/report-node";
import { safeLinkUrl } from "@/lib/reports/safe-url";

// Report-only touches on top of the app's styles (the standalone download carries its own).
const PAGE_CSS = `
.report .meta { color: var(--text-muted); margin-top: 0; }
.report .pre { white-space: pre-wrap; }
.report .run { border: 1px solid var(--border); border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0.5rem 0 1rem; background: var(--bg-raised); }
.report caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
.report figure.chart { margin: 0.5rem 0; }
.report figure.chart svg { max-width: 100%; height: auto; background: #fff; border-radius: 4px; }
.report .generated { color: var(--text-muted); font-size: 0.875rem; }
@media print { .report .run, .report tr, .report figure { break-inside: avoid; } .report h2, .report h3 { break-after: avoid; } }
`;

const TAGS = new Set<string>(REPORT_TAGS);

// class → className, font-size → fontSize; aria-* and data-* keep their names in React.
const propName = (attr: string) => (attr === "class" ? "className" : /^(aria|data)-/.test(attr) ? attr : attr.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()));

/**
 * Turns report elements into React elements. React escapes every text and
 * attribute value; this adds what React does not check: only report tags,
 * no handler or style attributes, and URLs through the same scheme allow-list
 * as the downloads (React 19 blocks javascript: but lets data: and vbscript: through).
 */
function toReact(node: ReportNode, key?: number): ReactNode {
  if (typeof node === "string") return node;
  const children = node.children.map((c, i) => toReact(c, i));
  if (!TAGS.has(node.tag)) return createElement("span", { key }, ...children);
  const props: Record<string, string | number | undefined> = { key };
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!allowedAttribute(name, value)) continue;
    props[propName(name)] = name === "href" ? safeLinkUrl(value)! : value;
  }
  return createElement(node.tag, props, ...(children.length ? children : []));
}

/**
 * The postmortem report on a page, rendered by React from the same elements
 * as the PDF and the HTML download (lib/reports/render-html.ts), so the screen
 * and the printout cannot drift apart and no markup string is ever injected.
 */
export function ReportView({ report }: { report: ReportModel }) {
  return (
    <>
      <style>{PAGE_CSS}</style>
      {toReact(reportTree(report))}
    </>
  );
}
