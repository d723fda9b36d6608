"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { FormResult } from "@/components/ui/action-form";
import { useLive } from "@/components/live/live-provider";
import { LiveStatus } from "@/components/live/live-status";
import { PHASES, PHASE_INFO, type Phase } from "@/lib/gameday/phases";
import type { PresenterModel } from "@/lib/live/presenter-model";
import { formatClock, useRemaining } from "./clock";
import { AgendaPanel, BoardPanel, EstimatePanel, ExperimentPanel } from "./plan-panels";
import { FollowUpsPanel, ResultsPanel } from "./outcome-panels";
import { RunPanel } from "./run-panel";
import { toggleFullScreen, toggleTheme } from "./theme";
import { PRESENTER_KEYS, usePresenterKeys } from "./use-presenter-keys";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** Default timebox per step, in minutes (T starts it; T again clears it). */
const TIMEBOX_MIN: Record<Phase, number> = { gather: 5, brainstorm: 10, estimate: 15, experiments: 10, run: 15, measure: 10, "follow-up": 10, report: 5 };
const ARM_MS = 4_000;

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/**
 * Presenter mode: the GameDay on the big screen, at the step the room is at,
 * driven from the keyboard. Everything it shows comes from the server and is
 * refetched on every change any screen makes.
 */
export function PresenterView(props: { model: PresenterModel; join: { url: string; qr: string }; canFacilitate: boolean; actions: { setPhase: Action; endRun: Action; setStepTimer: Action; goOn: Action } }) {
  const { model } = props;
  const live = useLive();
  const router = useRouter();
  const phase = live?.phase ?? model.gameDay.phase;
  const timerEndsAt = live ? live.stepTimerEndsAt : model.gameDay.stepTimerEndsAt;
  const timerLeft = useRemaining(timerEndsAt);
  const at = PHASES.indexOf(phase);
  const [notice, setNotice] = useState("");
  const [help, setHelp] = useState(false);
  const [armed, setArmed] = useState(false);
  const [stopping, setStopping] = useState(false);
  const disarm = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (disarm.current && clearTimeout(disarm.current)), []);

  const facilitatorOnly = (what: string) => {
    if (props.canFacilitate) return true;
    setNotice(`Only the facilitator can ${what}.`);
    return false;
  };
  const run = async (action: Action, fields: Record<string, string>, ok: string) => {
    const r = await action(null, form(fields));
    setNotice(r.ok ? ok : r.message);
    if (r.ok) router.refresh();
    return r.ok;
  };
  const move = (delta: 1 | -1) => {
    const target = PHASES[at + delta];
    if (!target || !facilitatorOnly("move the room")) return;
    void run(props.actions.setPhase, { gameDayId: model.gameDay.id, phase: target }, `The room moved to ${PHASE_INFO[target].label}.`);
  };
  const pressStop = () => {
    if (!model.run?.live) return setNotice("No run is live.");
    if (!facilitatorOnly("stop the run") || stopping) return;
    if (!armed) {
      setArmed(true);
      setNotice("Press S (or the button) again to stop the run.");
      disarm.current = setTimeout(() => setArmed(false), ARM_MS);
      return;
    }
    if (disarm.current) clearTimeout(disarm.current);
    setArmed(false);
    setStopping(true);
    void run(props.actions.endRun, { runId: model.run.id, how: "stop", reason: "Stopped from presenter mode" }, "Run stopped.").finally(() => setStopping(false));
  };

  usePresenterKeys({
    next: () => move(1),
    previous: () => move(-1),
    timer: () => {
      if (!facilitatorOnly("start the timebox")) return;
      const minutes = timerLeft !== null && timerLeft > 0 ? 0 : TIMEBOX_MIN[phase];
      void run(props.actions.setStepTimer, { gameDayId: model.gameDay.id, minutes: String(minutes) }, minutes ? `Timebox: ${minutes} minutes.` : "Timebox cleared.");
    },
    stop: pressStop,
    theme: () => setNotice(`${toggleTheme() === "light" ? "Light" : "Dark"} theme.`),
    fullScreen: toggleFullScreen,
    help: () => setHelp((h) => !h),
    escape: () => {
      setHelp(false);
      setArmed(false);
    },
  });

  const stop = { armed, pending: stopping, press: pressStop };
  const panel: Record<Phase, React.ReactNode> = {
    gather: <AgendaPanel model={model} phase={phase} join={props.join} />,
    brainstorm: <BoardPanel model={model} />,
    estimate: <EstimatePanel model={model} />,
    experiments: <ExperimentPanel model={model} />,
    run: <RunPanel model={model} canFacilitate={props.canFacilitate} stop={stop} goOn={() => model.run && void run(props.actions.goOn, { runId: model.run.id }, "The room goes on; the alert is answered.")} onElapsed={() => router.refresh()} />,
    measure: <ResultsPanel model={model} />,
    "follow-up": <FollowUpsPanel model={model} report={false} />,
    report: <FollowUpsPanel model={model} report />,
  };

  return (
    <div className="presenter" data-testid="presenter" data-phase={phase}>
      <header className="pr-header">
        <div className="pr-heading">
          <p className="pr-gameday pr-clamp-1">{model.gameDay.title}</p>
          <h1 data-legible="key" data-testid="presenter-step">
            <span className="pr-stepno">
              {at + 1}/{PHASES.length}
            </span>{" "}
            {PHASE_INFO[phase].label}
          </h1>
        </div>
        <div className="pr-header-side">
          {model.run?.live && phase !== "run" && (
            <p className="pr-pill pr-bad" data-legible="key">
              ● Run live: {model.run.experimentTitle}
            </p>
          )}
          <p className="pr-timebox" role="timer" aria-label="Timebox" data-testid="presenter-timebox" data-legible="key">
            {timerLeft !== null && timerLeft > 0 ? formatClock(timerLeft) : "—:—"}
          </p>
        </div>
      </header>
      <main className="pr-main">{panel[phase]}</main>
      <footer className="pr-footer">
        <ul className="pr-keys" aria-label="Keyboard shortcuts">
          {PRESENTER_KEYS.filter((k) => props.canFacilitate || !["→ / PgDn", "← / PgUp", "T", "S S"].includes(k.keys)).map((k) => (
            <li key={k.keys}>
              <kbd>{k.keys}</kbd> {k.what}
            </li>
          ))}
        </ul>
        <p className="pr-notice" role="status" aria-live="polite" data-testid="presenter-notice">
          {notice}
        </p>
        <LiveStatus />
        <p className="pr-join-url">{props.join.url.replace(/^https?:\/\//, "")}</p>
      </footer>
      {help && (
        <div className="pr-help" role="dialog" aria-label="Keyboard shortcuts">
          <h2>Keyboard</h2>
          <dl>
            {PRESENTER_KEYS.map((k) => (
              <div key={k.keys}>
                <dt>
                  <kbd>{k.keys}</kbd>
                </dt>
                <dd>{k.what}</dd>
              </div>
            ))}
          </dl>
          <p className="pr-sub">Esc closes this.</p>
        </div>
      )}
    </div>
  );
}
