"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CalibrationPoint, MetricCalibration } from "@/lib/gameday/guesses/calibration";
import { describeRatio } from "@/lib/gameday/guesses/guess-error";
import { formatMinutes } from "@/lib/gameday/guesses/format-guess";

const GUESS = "#7c3aed";
const MEASURED = "#0ea5e9";
const TYPICAL = "#dc2626";

const day = (iso: string) => iso.slice(0, 10);
// A run on the time axis: its date and GameDay (two GameDays of one day must still be told apart).
const tick = (p: CalibrationPoint) => {
  const t = `${p.at.slice(5, 10)} ${p.gameDayTitle}`;
  return t.length > 26 ? `${t.slice(0, 25)}…` : t;
};
const ratioTick = (v: number) => (v >= 1 ? `${Math.round(v * 10) / 10}x` : `1/${Math.round((1 / v) * 10) / 10}`);

/**
 * One time (detect or recover) over the runs: the guess beside the
 * measurement in minutes, and the error (guess ÷ measured, log scale, 1 is
 * spot on) with the typical error as a line. Animation off: the room reads
 * it, nothing moves.
 */
export function CalibrationCharts(props: { title: string; points: CalibrationPoint[]; metric: MetricCalibration; guessLabel: string }) {
  const key = props.metric.metric;
  const data = props.points.map((p, i) => ({ i, label: `${day(p.at)} ${p.label}`, day: tick(p), guess: p[key].guess, measured: p[key].measured, ratio: p[key].ratio }));
  const typical = props.metric.typicalRatio;
  const compared = data.filter((d) => d.ratio !== null).length;
  return (
    <section className="card calibration-metric" aria-label={`Calibration: ${props.title}`} data-testid={`calibration-${key}`} data-points={data.length} data-typical={typical ?? ""}>
      <h3>{props.title}</h3>
      <p className="calibration-sentence" data-testid={`calibration-sentence-${key}`}>
        {props.metric.sentence}
      </p>
      <div className="calibration-charts">
        <figure>
          <figcaption className="small muted">{props.guessLabel} vs measured (minutes)</figcaption>
          <div style={{ width: "100%", height: 260 }}>
            <ResponsiveContainer>
              <LineChart data={data} margin={{ top: 12, right: 20, bottom: 4, left: 4 }}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
                <XAxis dataKey="i" type="number" domain={[-0.3, Math.max(data.length - 0.7, 0.7)]} ticks={data.map((d) => d.i)} tickFormatter={(i: number) => data[i]?.day ?? ""} tick={{ fontSize: 14 }} />
                <YAxis tick={{ fontSize: 14 }} width={56} tickFormatter={(v: number) => formatMinutes(v)} />
                <Tooltip labelFormatter={(i) => data[Number(i)]?.label ?? ""} formatter={(v) => formatMinutes(typeof v === "number" ? v : null)} />
                <Legend wrapperStyle={{ fontSize: 14 }} />
                <Line type="linear" dataKey="guess" name={props.guessLabel} stroke={GUESS} strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false} connectNulls />
                <Line type="linear" dataKey="measured" name="Measured" stroke={MEASURED} strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false} connectNulls />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure>
          <figcaption className="small muted">Error: guess ÷ measured (below 1: too optimistic)</figcaption>
          {compared === 0 ? (
            <div className="calibration-empty">No run has a measurement of this yet.</div>
          ) : (
            <div style={{ width: "100%", height: 260 }}>
              <ResponsiveContainer>
                <LineChart data={data} margin={{ top: 12, right: 20, bottom: 4, left: 4 }}>
                  <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
                  <XAxis dataKey="i" type="number" domain={[-0.3, Math.max(data.length - 0.7, 0.7)]} ticks={data.map((d) => d.i)} tickFormatter={(i: number) => data[i]?.day ?? ""} tick={{ fontSize: 14 }} />
                  <YAxis scale="log" domain={[(min: number) => Math.min(min, typical ?? 1, 1) / 1.5, (max: number) => Math.max(max, typical ?? 1, 1) * 1.5]} allowDataOverflow tick={{ fontSize: 14 }} width={56} tickFormatter={ratioTick} />
                  <Tooltip labelFormatter={(i) => data[Number(i)]?.label ?? ""} formatter={(v) => describeRatio(typeof v === "number" ? v : null).text} />
                  <ReferenceLine y={1} stroke="#16a34a" strokeWidth={2} label={{ value: "spot on", position: "insideTopLeft", fontSize: 14, fill: "#16a34a" }} />
                  {typical !== null && <ReferenceLine y={typical} stroke={TYPICAL} strokeDasharray="8 4" strokeWidth={2} label={{ value: `typical: ${describeRatio(typical).text}`, position: "insideBottomRight", fontSize: 14, fill: TYPICAL }} data-testid="typical-line" />}
                  <Line type="linear" dataKey="ratio" name="Error" stroke={GUESS} strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false} connectNulls />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </figure>
      </div>
    </section>
  );
}
