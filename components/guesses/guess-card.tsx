"use client";

import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/ui/fields";
import type { GuessBoard } from "@/lib/gameday/guesses/guess-view";
import { formatMinutes, formatPage } from "@/lib/gameday/guesses/format-guess";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

const names = (people: { name: string }[]) => people.map((p) => p.name).join(", ");

/** Who has guessed and who is awaited: names only, whatever the phase. */
function GuessCount({ board }: { board: GuessBoard }) {
  return (
    <div className="guess-count" data-testid="guess-count">
      <strong>
        {board.count} of {board.of} guessed
      </strong>
      {board.guessed.length > 0 && <span className="small"> · {names(board.guessed)}</span>}
      {board.phase === "open" && board.waitingFor.length > 0 && <span className="small muted"> · waiting for {names(board.waitingFor)}</span>}
    </div>
  );
}

/**
 * Each person's own guess for the next run of an experiment, from their
 * laptop: time to detect, time to recover, will it page. Hidden from
 * everyone else until the run ends; locked when it starts.
 */
export function GuessCard(props: { board: GuessBoard; experimentId: string; title: string; action: Action }) {
  const { board } = props;
  const mine = board.mine;
  const id = (n: string) => `${n}-${props.experimentId}`;
  return (
    <section className="guess-card" aria-label={`Your guess for ${props.title}`} data-guess-phase={board.phase}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h4 style={{ margin: 0 }}>Your guess</h4>
        <span className="badge">{board.phase === "open" ? "hidden until the run ends" : board.phase === "locked" ? "locked: the run started" : "revealed"}</span>
      </div>
      <GuessCount board={board} />
      {board.canGuess ? (
        <ActionForm action={props.action} refresh showSuccess aria-label={`Guess for ${props.title}`}>
          <input type="hidden" name="experimentId" value={props.experimentId} />
          <div className="guess-fields">
            <TextField id={id("ttd")} name="timeToDetectMin" label="Time to detect (min)" type="number" min={0} step="any" defaultValue={mine?.timeToDetectMin ?? ""} />
            <TextField id={id("ttr")} name="timeToRecoverMin" label="Time to recover (min)" type="number" min={0} step="any" defaultValue={mine?.timeToRecoverMin ?? ""} />
            <SelectField id={id("page")} name="willPage" label="Will it page?" defaultValue={mine?.willPage === null || !mine ? "" : mine.willPage ? "yes" : "no"} options={[{ value: "", label: "No guess" }, { value: "yes", label: "Yes, someone is paged" }, { value: "no", label: "No page" }]} />
          </div>
          <SubmitButton className="btn btn-primary btn-small" pendingText="Saving…">
            {mine ? "Change my guess" : "Save my guess"}
          </SubmitButton>
        </ActionForm>
      ) : mine ? (
        <p className="small" data-testid="my-guess">
          You guessed: detect {formatMinutes(mine.timeToDetectMin)}, recover {formatMinutes(mine.timeToRecoverMin)}, {formatPage(mine.willPage)}.
        </p>
      ) : (
        <p className="small muted">{board.mayGuess ? "You did not guess this run." : "Viewers watch: participants enter their guesses on their laptops."}</p>
      )}
    </section>
  );
}
