"use client";

import { useState } from "react";
import { formatValue } from "@/lib/metrics/series";
import { describePeak } from "@/lib/metrics/impact";
import type { RunMetricsView } from "@/lib/metrics/run-metrics";
import { MetricChart } from "./metric-chart";
import { useRunMetrics } from "./use-run-metrics";
import { EstimateVsMeasured } from "@/components/gameday/estimate-vs-measured";

const secs = (s: number | null) => (s === null ? "—" : `${Math.round(s * 10) / 10} s`);

/**
 * The run's live charts and computed measured impact. A Prometheus that is
 * slow or down keeps the last series on screen, dimmed, under a banner; the
 * run and the rest of the page carry on. While live, `until` (the planned
 * end) fixes the time axis so the line grows to the right instead of the
 * whole chart rescaling every second.
 */
export function RunCharts({ runId, live, until = null }: { runId: string; live: boolean; until?: number | null }) {
  const { data, error } = useRunMetrics(runId, live);
  const [lastGood, setLastGood] = useState<RunMetricsView | null>(null);
  const good = data && (data.state === "live" || data.state === "snapshot") ? data : null;
  // Remember the last series Prometheus gave, to keep it on screen while it is down.
  if (good && good !== lastGood) setLastGood(good);
  const shown = good ?? lastGood;
  const unreachable = data?.state === "unreachable" || !!error;
  const partial = data?.state === "live" && data.message;
  // An ended run with nothing to chart (no probes, no source) needs no empty box.
  if (data?.state === "none" && !live) return null;
  return (
    <section className="card" aria-label="Live metrics" data-testid="run-charts" data-state={unreachable ? "unreachable" : (data?.state ?? "loading")}>
      <div className="row" style={{ alignItems: "baseline" }}>
        <h3>Metrics</h3>
        <span className="muted small">{data?.state === "snapshot" ? "from the snapshot taken at the end of the run" : data?.sourceName ? `live from ${data.sourceName}, every ${data.stepSec} s` : ""}</span>
      </div>
      {unreachable && (
        <p className="alert alert-error" role="status" data-testid="prometheus-unreachable" style={{ fontSize: "1.2rem" }}>
          Prometheus unreachable{data?.message ? `: ${data.message}` : error ? `: ${error.message}` : ""}. {shown ? "Showing the last data received." : ""} The run is not affected; Stop still works.
        </p>
      )}
      {partial && <p className="alert alert-warn" role="status">{data.message}</p>}
      {data?.state === "none" && <p className="muted">{data.message}</p>}
      {!data && !error && <p className="muted">Loading metrics…</p>}
      {shown && (
        <div className="stack">
          {shown.probes.map((p) => (
            <MetricChart key={p.key} probe={p} view={until && until > shown.to ? { ...shown, to: until } : shown} stale={unreachable} />
          ))}
        </div>
      )}
      {shown?.impact && shown.impact.probes.length > 0 && <ComputedImpact impact={shown.impact} live={live} />}
    </section>
  );
}

function ComputedImpact({ impact, live }: { impact: NonNullable<RunMetricsView["impact"]>; live: boolean }) {
  return (
    <div data-testid="computed-impact">
      <h3 style={{ marginTop: "1rem" }}>
        Measured impact (computed){" "}
        <span className={`badge ${impact.inconclusive ? "badge-danger" : impact.hypothesisHeld === null ? "" : impact.hypothesisHeld ? "badge-ok" : "badge-danger"}`} data-testid="hypothesis-verdict">
          {impact.inconclusive ? "inconclusive: the fault did not take effect" : impact.hypothesisHeld === null ? "no data" : impact.hypothesisHeld ? "hypothesis held" : "hypothesis disproved"}
        </span>
        {(live || !impact.complete) && <span className="muted small"> (so far)</span>}
      </h3>
      <table>
        <thead>
          <tr>
            <th>Probe</th>
            <th>Baseline</th>
            <th>During</th>
            <th>After</th>
            <th>Peak (deviation)</th>
            <th>Time to detect</th>
            <th>Time to recover</th>
          </tr>
        </thead>
        <tbody>
          {impact.probes.map((p) => (
            <tr key={p.name + p.role}>
              <td>
                {p.name} <span className="badge">{p.breached ? (p.role === "abortConditions" ? "tripped" : "breached") : "held"}</span>
              </td>
              <td>{formatValue(p.baseline)}</td>
              <td>{formatValue(p.during)}</td>
              <td>{formatValue(p.after)}</td>
              <td>{describePeak(p.peak)}</td>
              <td data-testid="ttd">{secs(p.timeToDetectSec)}</td>
              <td data-testid="ttr">{secs(p.timeToRecoverSec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 style={{ marginTop: "1rem" }}>Beside the estimate{impact.estimate ? ` (${impact.estimate.failureMode})` : " (no estimate linked)"}</h4>
      <EstimateVsMeasured rows={impact.comparison} testId="impact-vs-estimate" />
    </div>
  );
}
