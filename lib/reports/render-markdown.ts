import { INJECTION_POINT_LABELS, type InjectionPoint } from "@/lib/gameday/schemas";
import { SEVERITY_LABELS, USER_IMPACT_LABELS } from "@/lib/gameday/impact";
import type { ReportModel } from "./report-model";
import { inconclusiveSentence, summarySentence } from "./summarise";
import { renderChartSvg } from "./render-chart-svg";
import { paramText } from "./render-html";
import { safeLinkUrl } from "./safe-url";

/**
 * Escapes text for a Markdown table cell or inline text. Every character that
 * could start markup is backslash-escaped: `<` (no raw HTML or autolink ever
 * passes through), `&` (no entity is decoded), `[` `]` `!` (no link or image),
 * and emphasis, code, heading and strikethrough marks.
 */
function md(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/([*_`[\]<>&!#~])/g, "\\$1").replace(/\r?\n/g, " ");
}

/**
 * A Markdown link when the URL passes the report's scheme allow-list, else the
 * text alone. The destination is written in <…> with the characters that could
 * end it percent-encoded, so a URL cannot break out of its link.
 */
function mdLink(url: string | null, text: string): string {
  const href = safeLinkUrl(url);
  if (!href) return md(text);
  return `[${md(text)}](<${href.replace(/[()<>|\\\s]/g, (c) => encodeURIComponent(c))}>)`;
}

function block(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => md(l))
    .join("  \n");
}

const day = (iso: string) => iso.slice(0, 10);
const time = (iso: string) => iso.slice(11, 19);

/** Renders the postmortem report as standalone Markdown. */
export function renderMarkdown(r: ReportModel): string {
  const out: string[] = [];
  out.push(`# GameDay report: ${md(r.gameDay.title)}`, "");
  out.push(`**Date:** ${day(r.gameDay.date)} · **System under test:** ${md(r.gameDay.systemUnderTest)}`, "");
  const warning = inconclusiveSentence(r.summary);
  if (warning) out.push(`> **⚠ ${md(warning)}**`, "");
  out.push("## Summary", "", summarySentence(r.summary), "");
  if (r.findings.length) {
    out.push("**Key findings:**", "");
    for (const f of r.findings.slice(0, 3)) out.push(`- ${md(f.title)}`);
    out.push("");
  }
  out.push("## Goals", "", block(r.gameDay.goals), "");
  out.push("## Participants", "");
  for (const p of r.participants) out.push(`- ${md(p.name)} (${md(p.email)})`);
  out.push("");

  out.push("## Failure modes", "");
  if (r.failureModes.length === 0) out.push("_None were brainstormed._", "");
  else {
    out.push("| Failure mode | Injected at | Votes | Expected severity | Hypothesis |", "|---|---|---:|---|---|");
    for (const f of r.failureModes) {
      out.push(
        `| ${md(f.title)} | ${INJECTION_POINT_LABELS[f.injectionPoint as InjectionPoint] ?? md(f.injectionPoint)} | ${f.votes} | ${
          f.estimate ? md(SEVERITY_LABELS[f.estimate.severity]) : "not estimated"
        } | ${f.estimate ? md(f.estimate.hypothesis) : "—"} |`,
      );
    }
    out.push("");
  }

  out.push("## Experiments", "");
  if (r.experiments.length === 0) out.push("_No experiments were planned._", "");
  for (const e of r.experiments) {
    out.push(`### ${md(e.title)}`, "");
    out.push(`**Hypothesis:** ${md(e.hypothesis)}`, "");
    if (e.failureModes.length) out.push(`**Failure modes tested:** ${e.failureModes.map(md).join(", ")}`, "");
    out.push(`**Method:** ${e.faults.map((f) => `${md(f.label)}${md(paramText(f.params))}`).join("; ")} for ${e.durationSec} s`, "");
    if (e.targets) out.push(`**Targets:** ${md(e.targets)}`, "");
    if (e.runs.length === 0) out.push("_Not run._", "");
    for (const run of e.runs) {
      const verdict = run.inconclusive ? `**${md(run.inconclusive.replace(/\.$/, ""))}**` : run.hypothesisHeld === null ? "measured impact not recorded" : run.hypothesisHeld ? "hypothesis **held**" : "hypothesis **disproved**";
      out.push(`#### Run ${run.startedAt ? `${day(run.startedAt)} ${time(run.startedAt)} UTC` : ""} — ${md(run.status)}, ${verdict}`, "");
      if (run.confirmations?.length) {
        out.push("| Fault | Target | In effect (from the cluster) | Recovered |", "|---|---|---|---|");
        for (const c of run.confirmations) out.push(`| ${md(c.fault)} | ${md(c.target)} | ${md(c.effect ?? "—")}${c.detail ? `: ${md(c.detail)}` : ""} | ${md(c.recovery ?? "—")} |`);
        out.push("");
      }
      if (run.differences.length) {
        out.push("| | Estimated | Measured | Difference |", "|---|---|---|---|");
        for (const d of run.differences) {
          const flag = d.verdict === "worse" ? " ⚠ worse" : d.verdict === "better" ? " (better)" : "";
          out.push(`| ${md(d.label)} | ${md(d.expected)} | ${md(d.measured)} | ${md(d.delta)}${flag} |`);
        }
        out.push("");
      }
      // Charts travel inside the file as SVG data URIs: the Markdown stays one self-contained file.
      // The one data: URL in a report, and never from input: the renderer draws the SVG (text escaped) and base64-encodes it.
      for (const c of run.charts ?? []) out.push(`![${md(c.title)}](data:image/svg+xml;base64,${Buffer.from(renderChartSvg(c)).toString("base64")})`, "");
      if (run.notes) out.push(`**Notes:** ${block(run.notes)}`, "");
      if (run.timeline.length) {
        out.push("Timeline (UTC):", "");
        for (const t of run.timeline) out.push(`- ${time(t.at)} · ${md(t.type)} · ${md(t.message)}${t.actor ? ` — ${md(t.actor)}` : ""}`);
        out.push("");
      }
    }
  }

  out.push("## Findings", "");
  if (r.findings.length === 0) out.push("_No flaws were recorded: every measured run went as estimated or better._", "");
  else {
    for (const f of r.findings) out.push(`- **${md(f.title)}** — ${md(f.detail)}`);
    out.push("");
  }

  out.push("## Follow-ups", "");
  if (r.followUps.length === 0) out.push("_No follow-ups were filed._", "");
  else {
    out.push("| Key | Title | Status | Failure mode |", "|---|---|---|---|");
    for (const f of r.followUps) {
      const key = f.url ? mdLink(f.url, f.key ?? "link") : md(f.key ?? "");
      out.push(`| ${key} | ${md(f.title)} | ${md(f.status)} | ${f.failureMode ? md(f.failureMode) : "—"} |`);
    }
    out.push("");
  }
  out.push(`_Generated by Firedrill at ${md(r.generatedAt)}._`, "");
  return out.join("\n");
}

export { USER_IMPACT_LABELS };
