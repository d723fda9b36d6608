import type { GuessReveal } from "@/lib/gameday/guesses/guess-reveal";
import { formatMinutes, formatPage } from "@/lib/gameday/guesses/format-guess";

const SOURCE: Record<string, string> = { recorded: "as recorded", alerts: "from the team's alerting", none: "not measured yet" };

/**
 * The room's guesses beside the measurement once a run ended; before, who
 * guessed (the reveal carries no one's figures until then).
 */
export function GuessRevealTable({ reveal }: { reveal: GuessReveal }) {
  const { board, measurement } = reveal;
  if (!measurement) {
    return (
      <section className="card" aria-label="Guesses" data-testid="guess-reveal" data-guess-phase={board.phase}>
        <h3>Guesses</h3>
        <p>
          {board.count} of {board.of} guessed{board.guessed.length ? `: ${board.guessed.map((p) => p.name).join(", ")}` : ""}. Revealed when the run ends.
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-label="Guesses" data-testid="guess-reveal" data-guess-phase="revealed">
      <h3>Guesses vs measured</h3>
      {reveal.guesses.length === 0 ? (
        <p className="muted">Nobody guessed this run.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">Time to detect</th>
              <th scope="col">Time to recover</th>
              <th scope="col">Will it page</th>
            </tr>
          </thead>
          <tbody>
            <tr className="guess-measured">
              <th scope="row">Measured ({SOURCE[measurement.source]})</th>
              <td>{formatMinutes(measurement.timeToDetectMin)}</td>
              <td>{formatMinutes(measurement.timeToRecoverMin)}</td>
              <td>{formatPage(measurement.paged)}</td>
            </tr>
            {reveal.guesses.map((g) => (
              <tr key={g.userId} data-guesser={g.name}>
                <th scope="row">
                  {g.name}
                  {g.mine ? " (you)" : ""}
                </th>
                <td>
                  {formatMinutes(g.values.timeToDetectMin)} <span className="small muted">{g.values.timeToDetectMin === null ? "" : g.error.timeToDetect.text}</span>
                </td>
                <td>
                  {formatMinutes(g.values.timeToRecoverMin)} <span className="small muted">{g.values.timeToRecoverMin === null ? "" : g.error.timeToRecover.text}</span>
                </td>
                <td>
                  {formatPage(g.values.willPage)} {g.error.pageRight === null ? "" : g.error.pageRight ? "✓" : "✗"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small">
        The room: time to detect {reveal.room.timeToDetect}, time to recover {reveal.room.timeToRecover}
        {reveal.room.pageRight.of ? `, will it page right ${reveal.room.pageRight.right} of ${reveal.room.pageRight.of}` : ""}.
      </p>
    </section>
  );
}
