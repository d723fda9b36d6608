import type { ImpactDifference } from "@/lib/gameday/impact";
import type { EstimateView } from "@/lib/gameday/estimates";

/** Everything a postmortem report shows, as plain data (rendered to HTML and Markdown). */
export interface ReportModel {
  gameDay: { id: string; title: string; date: string; goals: string; systemUnderTest: string; phase: string };
  participants: { name: string; email: string }[];
  failureModes: { id: string; title: string; description: string; injectionPoint: string; votes: number; estimate: EstimateView | null }[];
  experiments: ReportExperiment[];
  followUps: { key: string | null; title: string; status: string; url: string | null; failureMode: string | null }[];
  summary: ReportSummary;
  generatedAt: string;
}

export interface ReportExperiment {
  title: string;
  hypothesis: string;
  faults: { label: string; params: Record<string, unknown> }[];
  durationSec: number;
  failureModes: string[];
  runs: {
    id: string;
    status: string;
    startedAt: string | null;
    endedAt: string | null;
    timeline: { at: string; type: string; message: string; actor: string | null }[];
    hypothesisHeld: boolean | null;
    notes: string;
    differences: ImpactDifference[];
  }[];
}

export interface ReportSummary {
  failureModes: number;
  experiments: number;
  runs: number;
  held: number;
  disproved: number;
  worseThanExpected: number;
  followUpsOpen: number;
  followUpsTotal: number;
}
