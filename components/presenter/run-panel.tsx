"use client";

import { useEffect, useRef } from "react";
import type { PresenterModel } from "@/lib/live/presenter-model";
import { formatClock, useRemaining } from "./clock";
import { Empty } from "./plan-panels";
import { StopButton } from "./stop-button";
import { PresenterChart } from "@/components/metrics/presenter-chart";
import { GuessCountLine, GuessRevealPanel } from "./guess-panels";

const time = (iso: string) => iso.slice(11, 19);

/**
 * Run: status, a large countdown, progress, the one big Stop button, the
 * hypothesis, the metrics area and the latest timeline entries. Every region
 * keeps its size whatever the data, so nothing jumps when a run starts or ends.
 */
export function RunPanel(props: { model: PresenterModel; canFacilitate: boolean; stop: { armed: boolean; pending: boolean; press: () => void }; goOn: () => void; onElapsed: () => void }) {
  const run = props.model.run;
  const left = useRemaining(run?.status === "running" ? run.endsAt : null);
  const elapsedOnce = useRef<string | null>(null);
  useEffect(() => {
    // The server ends the run when its time is up; fetch once to show it.
    if (run && left !== null && left <= 0 && elapsedOnce.current !== run.id) {
      elapsedOnce.current = run.id;
      props.onElapsed();
    }
  }, [left, run, props]);
  const next = props.model.guesses.next;
  if (!run)
    return (
      <div className="pr-stack">
        <Empty title="No run yet" text={props.model.experiment ? `Next: ${props.model.experiment.title}. The facilitator starts it from the Experiments step.` : "Plan an experiment first."} />
        {next && <GuessCountLine count={next} />}
      </div>
    );
  const guesses = props.model.guesses.run;
  const reveal = !run.live && guesses?.measurement && guesses.guesses.length > 0 ? guesses : null;
  const total = run.durationSec * 1000;
  const progress = run.status === "running" && left !== null ? Math.min(1, Math.max(0, 1 - left / total)) : run.live ? 0 : 1;
  return (
    <div className="pr-run" data-run-status={run.status}>
      {run.faultAlert && (
        <section className="pr-fault-alert" role="alert" aria-label="A fault did not take effect" data-testid="presenter-fault-alert" data-legible="key">
          <strong>⚠ A fault did not take effect: the charts show no fault.</strong>
          <span className="pr-clamp-2">
            {run.faultAlert.failures[0].kind} on {run.faultAlert.failures[0].target}: {run.faultAlert.failures[0].detail}
            {run.faultAlert.failures.length > 1 ? ` (+${run.faultAlert.failures.length - 1} more)` : ""}
          </span>
          {props.canFacilitate ? (
            <span className="pr-fault-choice">
              Stop with ■ STOP, or{" "}
              <button type="button" className="pr-go-on" onClick={props.goOn} data-testid="presenter-go-on">
                go on anyway
              </button>
            </span>
          ) : (
            <span className="pr-fault-choice">The facilitator chooses: stop or go on.</span>
          )}
        </section>
      )}
      {!run.live && run.inconclusive && (
        <p className="pr-fault-alert pr-inconclusive" data-testid="presenter-inconclusive" data-legible="key">
          ⚠ {run.inconclusive} The hypothesis was not tested.
        </p>
      )}
      <section className="pr-panel pr-run-main" aria-label="Run status">
        <p className={`pr-status ${run.live ? "pr-status-live" : ""}`} data-legible="key" data-testid="presenter-run-status">
          {run.statusLabel}
        </p>
        <p className="pr-countdown" role="timer" aria-label="Time left" data-legible="key" data-testid="presenter-countdown">
          {run.status === "running" && left !== null ? formatClock(left) : run.endedAt ? `ended ${time(run.endedAt)}` : "--:--"}
        </p>
        <div className="pr-progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
          <span style={{ transform: `scaleX(${progress})` }} />
        </div>
        {run.live && guesses ? <GuessCountLine count={{ count: guesses.board.count, of: guesses.board.of, guessed: [], waitingFor: [], locked: true }} /> : <p className="pr-guess-line" aria-hidden />}
        <div className="pr-stop-slot">
          {run.live && props.canFacilitate ? (
            <StopButton armed={props.stop.armed} pending={props.stop.pending} onPress={props.stop.press} />
          ) : (
            <p className="pr-sub">{run.live ? "Only the facilitator can stop the run." : "The run is over: record what happened."}</p>
          )}
        </div>
      </section>
      {reveal ? (
        <GuessRevealPanel reveal={reveal} title={run.experimentTitle} />
      ) : (
        <section className="pr-panel pr-run-side" aria-label="Hypothesis and timeline">
          <h2 className="pr-clamp-1">{run.experimentTitle}</h2>
          <p className="pr-hypothesis pr-clamp-2">“{run.hypothesis}”</p>
          <div className="pr-chart" aria-label="Live metrics">
            <PresenterChart runId={run.id} live={run.live} />
          </div>
          <ol className="pr-timeline" aria-label="Timeline (UTC)" data-testid="presenter-timeline">
            {run.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{time(e.at)}</time>
                <span className="pr-clamp-1">{e.message}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
