import type { ReportModel, ReportSummary } from "./report-model";

/** The numbers behind the one-minute summary at the top of a report. */
export function summarise(model: Omit<ReportModel, "summary">): ReportSummary {
  const runs = model.experiments.flatMap((e) => e.runs);
  return {
    failureModes: model.failureModes.length,
    experiments: model.experiments.length,
    runs: runs.length,
    held: runs.filter((r) => r.hypothesisHeld === true).length,
    inconclusive: runs.filter((r) => r.inconclusive).length,
    disproved: runs.filter((r) => r.hypothesisHeld === false).length,
    worseThanExpected: runs.filter((r) => r.differences.some((d) => d.verdict === "worse")).length,
    findings: model.findings.length,
    followUpsOpen: model.followUps.filter((f) => f.status === "open" || f.status === "in-progress").length,
    followUpsTotal: model.followUps.length,
  };
}

/** Said above everything else when a run tested nothing: a flat chart there is not a result. */
export function inconclusiveSentence(s: ReportSummary): string | null {
  if (!s.inconclusive) return null;
  return `${plural(s.inconclusive, "run")} ${s.inconclusive === 1 ? "was" : "were"} inconclusive: the fault did not take effect, so ${s.inconclusive === 1 ? "its" : "their"} hypothesis was not tested.`;
}

/** The summary as one paragraph a manager can read in a minute. */
export function summarySentence(s: ReportSummary): string {
  const parts = [
    `The team brainstormed ${plural(s.failureModes, "failure mode")} and ran ${plural(s.runs, "experiment run")} across ${plural(s.experiments, "experiment")}.`,
  ];
  if (s.held + s.disproved > 0) {
    parts.push(`${s.held} of ${s.held + s.disproved} hypotheses held; ${plural(s.disproved, "was", "were")} disproved.`.replace(/^(\d+) of/, "$1 of"));
  } else if (s.runs > 0) {
    parts.push("No measured impact was recorded yet.");
  }
  if (s.worseThanExpected > 0) parts.push(`${plural(s.worseThanExpected, "run")} went worse than estimated.`);
  if (s.findings > 0) parts.push(`${plural(s.findings, "finding")} recorded.`);
  parts.push(`${plural(s.followUpsTotal, "follow-up")} filed, ${s.followUpsOpen} still open.`);
  return parts.join(" ");
}

function plural(n: number, one: string, many?: string): string {
  if (many) return `${n} ${n === 1 ? one : many}`;
  return `${n} ${n === 1 ? one : `${one}s`}`;
}
