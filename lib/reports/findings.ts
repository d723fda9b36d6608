import type { ResultRow } from "@/lib/gameday/results";
import type { ReportFinding } from "./report-model";

/**
 * The flaws a GameDay uncovered, from its results: every measurement that
 * came out worse than estimated is one finding (each tends to need its own
 * fix: an alert, a runbook, a faster recovery), and a disproved hypothesis
 * with nothing measurably worse is one finding too. Keys are stable, so a
 * finding maps to at most one follow-up.
 */
export function findingsFromResults(rows: ResultRow[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const row of rows) {
    const subject = row.failureMode?.title ?? row.experimentTitle;
    const base = `${row.runId}:${row.failureMode?.id ?? "-"}`;
    if (row.inconclusive) {
      // Nothing was tested: the flaw is in the fault itself (its image, permissions, the kernel), and it needs fixing before a re-run.
      out.push({ key: `${base}:not-in-effect`, title: `${subject}: the fault did not take effect`, detail: `${row.inconclusive} The hypothesis "${row.hypothesis}" was not tested; fix the fault and run it again.`, runId: row.runId, failureModeId: row.failureMode?.id ?? null });
      continue;
    }
    if (!row.measured) continue;
    const worse = row.differences.filter((d) => d.verdict === "worse");
    for (const d of worse) {
      out.push({
        key: `${base}:${d.field}`,
        title: `${subject}: ${d.label.toLowerCase()} worse than estimated`,
        detail: `${d.label}: estimated ${d.expected}, measured ${d.measured} (${d.delta}).`,
        runId: row.runId,
        failureModeId: row.failureMode?.id ?? null,
      });
    }
    if (!row.measured.hypothesisHeld && worse.length === 0) {
      out.push({
        key: `${base}:hypothesis`,
        title: `${subject}: hypothesis disproved`,
        detail: `Hypothesis "${row.hypothesis}" did not hold.${row.measured.notes ? ` ${row.measured.notes}` : ""}`,
        runId: row.runId,
        failureModeId: row.failureMode?.id ?? null,
      });
    }
  }
  return out;
}
