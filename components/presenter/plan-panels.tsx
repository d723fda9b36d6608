"use client";

import { PHASES, PHASE_INFO, type Phase } from "@/lib/gameday/phases";
import type { PresenterModel, ShownEstimate } from "@/lib/live/presenter-model";
import { GuessCountLine } from "./guess-panels";

/** Gather: goals, the agenda (the loop, with where the room is), who is here, how to join. */
export function AgendaPanel({ model, phase, join }: { model: PresenterModel; phase: Phase; join: { url: string; qr: string } }) {
  const at = PHASES.indexOf(phase);
  return (
    <div className="pr-grid pr-grid-agenda">
      <section className="pr-panel" aria-label="Goals">
        <h2>Goals</h2>
        <p className="pr-lead pr-clamp-6">{model.gameDay.goals}</p>
        <p className="pr-sub">
          System under test: <strong>{model.gameDay.systemUnderTest}</strong>
        </p>
        <p className="pr-sub">{model.gameDay.participants.length} {model.gameDay.participants.length === 1 ? "participant" : "participants"}: {model.gameDay.participants.slice(0, 8).join(", ")}</p>
      </section>
      <section className="pr-panel" aria-label="Agenda">
        <h2>Agenda</h2>
        <ol className="pr-agenda">
          {PHASES.map((p, i) => (
            <li key={p} data-state={i < at ? "done" : i === at ? "current" : "upcoming"}>
              <span className="pr-agenda-num" aria-hidden>
                {i < at ? "✓" : i + 1}
              </span>
              {PHASE_INFO[p].label}
              {i === at && <span className="sr-only"> (now)</span>}
            </li>
          ))}
        </ol>
      </section>
      <section className="pr-panel pr-join" aria-label="Join on your laptop">
        <h2>Join on your laptop</h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: URL */}
        <img src={join.qr} alt={`QR code for ${join.url}`} className="pr-qr-large" />
        <p className="pr-url">{join.url.replace(/^https?:\/\//, "")}</p>
      </section>
    </div>
  );
}

/** Brainstorm: every card, by where the failure is injected, with its votes. */
export function BoardPanel({ model }: { model: PresenterModel }) {
  if (model.cardCount === 0) return <Empty title="No failure modes yet" text="Add cards from your laptop: a pod dies, a node disappears, a dependency gets slow…" />;
  return (
    <div className="pr-board" aria-label="Failure modes">
      <p className="pr-sub pr-figures">
        <strong>{model.cardCount}</strong> cards · <strong>{model.voteCount}</strong> votes
      </p>
      <div className="pr-board-columns">
        {model.board.map((col) => (
          <section key={col.id} className="pr-panel pr-column" aria-label={col.label}>
            <h2>{col.label}</h2>
            <ul>
              {col.cards.slice(0, 6).map((c) => (
                <li key={c.id} className="pr-card">
                  <span className="pr-votes" aria-label={`${c.votes} votes`}>
                    ▲ {c.votes}
                  </span>
                  <span className="pr-clamp-2">{c.title}</span>
                </li>
              ))}
              {col.cards.length > 6 && <li className="pr-more">+ {col.cards.length - 6} more</li>}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function EstimateFigures({ estimate }: { estimate: ShownEstimate }) {
  return (
    <dl className="pr-figures-grid">
      <div>
        <dt>Severity</dt>
        <dd>{estimate.severity} / 5</dd>
      </div>
      <div>
        <dt>Users</dt>
        <dd>{estimate.userImpact}</dd>
      </div>
      <div>
        <dt>Alert</dt>
        <dd>{estimate.alertExpected ? (estimate.timeToDetectMin !== null ? `≤ ${estimate.timeToDetectMin} min` : "fires") : "none"}</dd>
      </div>
      <div>
        <dt>Recovery</dt>
        <dd>{estimate.timeToRecoverMin !== null ? `${estimate.timeToRecoverMin} min` : "—"}</dd>
      </div>
    </dl>
  );
}

/** Estimate: the failure mode the room is estimating, and its estimate as it is written. */
export function EstimatePanel({ model }: { model: PresenterModel }) {
  const f = model.focus;
  if (!f) return <Empty title="Nothing to estimate yet" text="Brainstorm failure modes first." />;
  return (
    <section className="pr-panel pr-focus" aria-label="Failure mode being estimated">
      <p className="pr-sub">
        {f.where} · ▲ {f.votes} · {model.estimatedCount} of {model.cardCount} estimated
      </p>
      <h2 className="pr-headline pr-clamp-2">{f.title}</h2>
      {f.estimate ? (
        <>
          <p className="pr-hypothesis pr-clamp-3">“{f.estimate.hypothesis}”</p>
          <EstimateFigures estimate={f.estimate} />
        </>
      ) : (
        <p className="pr-lead">Not estimated yet: what do you expect it to do?</p>
      )}
    </section>
  );
}

/** Experiments: the current experiment with its hypothesis and the estimate it tests. */
export function ExperimentPanel({ model }: { model: PresenterModel }) {
  const e = model.experiment;
  if (!e) return <Empty title="No experiments yet" text="Turn the most-voted failure modes into experiments." />;
  return (
    <section className="pr-panel pr-focus" aria-label="Current experiment">
      <p className="pr-sub">
        Experiment · {Math.round(e.durationSec / 60) || 1} min · {model.experimentCount} planned
      </p>
      <h2 className="pr-headline pr-clamp-2">{e.title}</h2>
      <p className="pr-hypothesis pr-clamp-3">“{e.hypothesis}”</p>
      {e.estimate ? <EstimateFigures estimate={e.estimate} /> : <p className="pr-sub">No estimate linked to this experiment.</p>}
      {model.guesses.next?.experimentId === e.id && <GuessCountLine count={model.guesses.next} />}
    </section>
  );
}

export function Empty({ title, text }: { title: string; text: string }) {
  return (
    <div className="pr-empty">
      <strong>{title}</strong>
      <span>{text}</span>
    </div>
  );
}
