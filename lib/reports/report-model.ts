import type { ImpactDifference } from "@/lib/gameday/impact";
import type { EstimateView } from "@/lib/gameday/estimates";

/** Everything a postmortem report shows, as plain data (rendered to HTML, PDF and Markdown). */
export interface ReportModel {
  gameDay: { id: string; title: string; date: string; goals: string; systemUnderTest: string; phase: string };
  participants: { name: string; email: string }[];
  failureModes: { id: string; title: string; description: string; injectionPoint: string; votes: number; estimate: EstimateView | null }[];
  experiments: ReportExperiment[];
  findings: ReportFinding[];
  followUps: { key: string | null; title: string; status: string; url: string | null; failureMode: string | null }[];
  summary: ReportSummary;
  generatedAt: string;
}

export interface ReportExperiment {
  title: string;
  hypothesis: string;
  faults: { label: string; params: Record<string, unknown> }[];
  /** What the faults were aimed at, in words ("namespace demo, app=checkout, 1 target"); empty for people experiments. */
  targets: string;
  durationSec: number;
  failureModes: string[];
  runs: ReportRun[];
}

export interface ReportRun {
  id: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  timeline: { at: string; type: string; message: string; actor: string | null }[];
  /** Null when the run is inconclusive: its faults never took effect. */
  hypothesisHeld: boolean | null;
  /** "Inconclusive: the fault did not take effect." when a step tested nothing (lib/runs/fault-confirmation.ts). */
  inconclusive?: string | null;
  /** Per target, what the cluster confirmed: in effect, failed (with its reason), recovered. */
  confirmations?: { fault: string; target: string; effect: string | null; detail: string | null; recovery: string | null }[];
  notes: string;
  differences: ImpactDifference[];
  /**
   * Metric snapshots taken during the run, drawn with the fault window marked.
   * Filled from the RunMetricSnapshot rows stored when the run ended (lib/metrics/report-charts.ts); absent without probes.
   */
  charts?: ReportChart[];
}

/** One metric snapshot: series of [epoch ms, value] points and the window the fault was active. */
export interface ReportChart {
  title: string;
  unit: string;
  series: { name: string; points: [number, number][] }[];
  faultWindow: { start: number; end: number } | null;
  /** Alerts that fired or paged during the snapshot (ms), drawn as dashed lines. */
  markers?: { at: number; label: string }[];
}

/** A flaw the day uncovered: a disproved hypothesis or something worse than estimated. */
export interface ReportFinding {
  key: string;
  title: string;
  detail: string;
  runId: string;
  failureModeId: string | null;
}

export interface ReportSummary {
  failureModes: number;
  experiments: number;
  runs: number;
  held: number;
  disproved: number;
  /** Runs whose faults never took effect: no verdict. */
  inconclusive: number;
  worseThanExpected: number;
  findings: number;
  followUpsOpen: number;
  followUpsTotal: number;
}
