import "server-only";
import type { SessionUser } from "@/lib/auth/session-user";
import { findFaultKind } from "@/lib/faults/catalog";
import { getRunOrThrow, type RunView } from "@/lib/runs/run-views";
import { isTerminal } from "@/lib/runs/status";
import { getRunMetrics } from "@/lib/metrics/run-metrics";
import { judgeFault, judgeRun } from "./judge-run";
import type { FaultResult, ProbeResult, RunResults } from "./schemas";

const labelOf = (kind: string) => findFaultKind(kind)?.label ?? kind;

/** A run's status for the API (a run past its end is settled first, as the run page does). */
export function runState(run: RunView): RunResults["run"] {
  return {
    id: run.id,
    status: run.status,
    terminal: isTerminal(run.status),
    experimentId: run.experiment.id,
    gameDayId: run.experiment.gameDayId,
    experimentTitle: run.experiment.title,
    hypothesis: run.experiment.hypothesis,
    startedAt: run.startedAt,
    endsAt: run.endsAt,
    endedAt: run.endedAt,
  };
}

function faultsOf(run: RunView, terminal: boolean): FaultResult[] {
  if (run.ledger.length === 0) {
    // People experiments (and runs refused before any change) touch nothing in a cluster.
    return run.experiment.faults.map((f) => ({ kind: f.kind, label: labelOf(f.kind), target: "the room", state: "manual", confirmation: null, ...judgeFault("manual", null, terminal) }));
  }
  // Per-target confirmation is not recorded yet: confirmation stays null until it is.
  return run.ledger.map((l) => ({ kind: l.kind, label: labelOf(l.kind), target: l.target, state: l.state, confirmation: null, ...judgeFault(l.state, null, terminal) }));
}

async function probesOf(user: SessionUser, run: RunView): Promise<{ probes: ProbeResult[]; metrics: RunResults["metrics"] }> {
  const declared = [...run.experiment.steadyState.map((p) => ({ p, role: "steadyState" as const })), ...run.experiment.abortConditions.map((p) => ({ p, role: "abortConditions" as const }))];
  if (declared.length === 0) return { probes: [], metrics: { state: "none", complete: true } };
  const m = await getRunMetrics(user, run.id);
  const rule = (p: (typeof declared)[number]["p"]) => `${p.comparator} ${p.threshold} over ${p.windowSec} s`;
  const probes = declared.map(({ p, role }, i): ProbeResult => {
    const impact = m.impact?.probes.filter((x) => x.role === role)[role === "steadyState" ? i : i - run.experiment.steadyState.length];
    if (!impact || impact.during === null) return { name: p.name, role, rule: rule(p), verdict: "no-data", detail: m.message ?? "Prometheus returned no samples while the fault was on." };
    const held = role === "steadyState" ? "held" : "did not trip";
    const broke = role === "steadyState" ? "broke" : "tripped";
    return impact.held
      ? { name: p.name, role, rule: rule(p), verdict: "passed", detail: `${held} while the fault was on (mean ${impact.during.toPrecision(4)}).` }
      : { name: p.name, role, rule: rule(p), verdict: "failed", detail: `${broke} ${impact.timeToDetectSec !== null ? `${Math.round(impact.timeToDetectSec)} s after injection` : "while the fault was on"} (peak ${impact.peak?.value.toPrecision(4) ?? "?"}).` };
  });
  return { probes, metrics: { state: m.state, complete: m.impact?.complete ?? false } };
}

/**
 * A run's results for CI: status, one verdict per probe and per fault and
 * target, and the run's verdict (lib/api/judge-run.ts). JSON as is; JUnit
 * through buildJUnit.
 */
export async function getRunResults(user: SessionUser, runId: string): Promise<RunResults> {
  const run = await getRunOrThrow(user, runId);
  const state = runState(run);
  const { probes, metrics } = state.startedAt ? await probesOf(user, run) : { probes: [], metrics: { state: "none", complete: false } };
  const faults = faultsOf(run, state.terminal);
  const end = [...run.events].reverse().find((e) => e.type === "abort" || e.type === "stop" || e.type === "error");
  const { verdict, reasons } = judgeRun({ status: run.status, terminal: state.terminal, endReason: end?.message ?? null, probes, faults });
  return { run: state, verdict, reasons, probes, faults, metrics };
}
