"use client";

import type { PresenterGuessCount } from "@/lib/gameday/guesses/presenter-guesses";
import type { GuessReveal } from "@/lib/gameday/guesses/guess-reveal";
import { formatMinutes, formatPage } from "@/lib/gameday/guesses/format-guess";

const SHOWN = 8;
const list = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join(", ")} +${names.length - 4}` : names.join(", "));

/** "3 of 4 guessed · waiting for Cy": names and counts, never figures. */
export function GuessCountLine({ count }: { count: PresenterGuessCount | { count: number; of: number; guessed: string[]; waitingFor: string[]; locked: true } }) {
  const locked = "locked" in count;
  return (
    <p className="pr-guess-line" data-testid="presenter-guess-count">
      <strong>
        {count.count} of {count.of} guessed
      </strong>
      {locked ? " · locked, revealed at the end" : count.waitingFor.length ? ` · waiting for ${list(count.waitingFor)}` : count.count ? " · everyone is in" : " · guess on your laptop"}
    </p>
  );
}

const ratioClass = (direction: string) => (direction === "optimistic" ? "pr-bad-text" : direction === "pessimistic" ? "pr-warn-text" : direction === "about-right" ? "pr-ok-text" : "");

/**
 * The reveal on the big screen: the measurement on top, each person's guess
 * under it with how far off it was. Sized in the presenter's em, so 1080p
 * and 4K show the same table.
 */
export function GuessRevealPanel({ reveal, title }: { reveal: GuessReveal; title: string }) {
  const m = reveal.measurement;
  if (!m) return null;
  const rows = reveal.guesses.slice(0, SHOWN);
  return (
    <section className="pr-panel pr-reveal" aria-label="Guesses revealed" data-testid="presenter-reveal">
      <div className="pr-row">
        <h2 className="pr-clamp-1">Guesses vs measured</h2>
        <span className="pr-sub pr-clamp-1">{title}</span>
      </div>
      <table className="pr-reveal-table" data-size={rows.length <= 5 ? "large" : "normal"}>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">Detect</th>
            <th scope="col">Recover</th>
            <th scope="col">Page?</th>
          </tr>
        </thead>
        <tbody>
          <tr className="pr-reveal-measured" data-testid="presenter-measured">
            <th scope="row">Measured</th>
            <td>{formatMinutes(m.timeToDetectMin)}</td>
            <td>{formatMinutes(m.timeToRecoverMin)}</td>
            <td>{formatPage(m.paged)}</td>
          </tr>
          {rows.map((g) => (
            <tr key={g.userId} data-guesser={g.name}>
              <th scope="row">
                <span className="pr-reveal-name">{g.name}</span>
              </th>
              <td>
                {formatMinutes(g.values.timeToDetectMin)}
                {g.values.timeToDetectMin !== null && m.timeToDetectMin !== null && <small className={ratioClass(g.error.timeToDetect.direction)}>{g.error.timeToDetect.text}</small>}
              </td>
              <td>
                {formatMinutes(g.values.timeToRecoverMin)}
                {g.values.timeToRecoverMin !== null && m.timeToRecoverMin !== null && <small className={ratioClass(g.error.timeToRecover.direction)}>{g.error.timeToRecover.text}</small>}
              </td>
              <td>
                {formatPage(g.values.willPage)}
                {g.error.pageRight !== null && <small className={g.error.pageRight ? "pr-ok-text" : "pr-bad-text"}>{g.error.pageRight ? "✓ right" : "✗ wrong"}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pr-reveal-room pr-clamp-2" data-testid="presenter-room-error">
        {reveal.guesses.length > SHOWN ? `+${reveal.guesses.length - SHOWN} more · ` : ""}The room: detect {reveal.room.timeToDetect}, recover {reveal.room.timeToRecover}
        {reveal.room.pageRight.of ? `, page right ${reveal.room.pageRight.right}/${reveal.room.pageRight.of}` : ""}
        {m.source === "none" ? " · record the measured impact on the run page" : ""}
      </p>
    </section>
  );
}
