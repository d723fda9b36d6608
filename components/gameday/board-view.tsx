"use client";

import { useState } from "react";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { Disclosure } from "@/components/ui/disclosure";
import { SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/fields";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

interface Card {
  id: string;
  title: string;
  description: string;
  injectionPoint: string;
  authorName: string;
  authorId: string;
  votes: number;
  votedByMe: boolean;
  hasEstimate: boolean;
  version: number;
}

export function BoardView(props: {
  gameDayId: string;
  cards: Card[];
  columns: { id: string; label: string }[];
  me: { id: string; canContribute: boolean; canModerate: boolean };
  addAction: Action;
  voteAction: Action;
  deleteAction: Action;
  editAction: Action;
}) {
  const used = props.columns.filter((c) => props.cards.some((card) => card.injectionPoint === c.id));
  return (
    <div className="stack">
      {props.me.canContribute ? (
        <Disclosure className="card" initiallyOpen={props.cards.length === 0} summary={<strong style={{ cursor: "pointer" }}>+ Add a failure mode</strong>}>
          <ActionForm action={props.addAction} refresh resetOnSuccess aria-label="Add failure mode">
            <input type="hidden" name="gameDayId" value={props.gameDayId} />
            <div className="grid-2" style={{ marginTop: "0.75rem" }}>
              <TextField name="title" label="Failure mode" placeholder="Checkout pods crash-loop after a bad config push" />
              <SelectField name="injectionPoint" label="Where is it injected?" placeholder="Choose…" options={props.columns.map((c) => ({ value: c.id, label: c.label }))} />
            </div>
            <TextArea name="description" label="Details (optional)" rows={2} placeholder="What happens, what you think would break" />
            <SubmitButton pendingText="Adding…">Add card</SubmitButton>
          </ActionForm>
        </Disclosure>
      ) : (
        <p className="alert alert-info">You are a viewer: you can follow the board but not add cards or vote.</p>
      )}
      {props.cards.length === 0 ? (
        <div className="empty">
          <strong>No failure modes yet</strong>
          Start with the obvious: a pod dies, a node disappears, a dependency gets slow, the person on call is away.
        </div>
      ) : (
        <div className="board">
          {used.map((col) => {
            const cards = props.cards.filter((c) => c.injectionPoint === col.id);
            return (
              <section key={col.id} className="board-column" aria-label={col.label}>
                <h2>
                  {col.label} <span>{cards.length}</span>
                </h2>
                {cards.map((c) => (
                  <article key={c.id} className="fm-card" aria-label={c.title}>
                    <h3>{c.title}</h3>
                    {c.description && <p>{c.description}</p>}
                    {(c.authorId === props.me.id || props.me.canModerate) && props.me.canContribute && <CardEditor card={c} columns={props.columns} action={props.editAction} />}
                    <div className="row small">
                      <ActionForm action={props.voteAction} refresh>
                        <input type="hidden" name="failureModeId" value={c.id} />
                        <SubmitButton
                          className="btn btn-small vote"
                          pendingText="…"
                          disabled={!props.me.canContribute}
                          title={props.me.canContribute ? (c.votedByMe ? "Withdraw your vote" : "Vote for this card") : "Viewers cannot vote"}
                        >
                          <span aria-pressed={c.votedByMe}>▲ {c.votes}</span>
                          <span className="sr-only">{c.votedByMe ? "votes, including yours" : "votes"}</span>
                        </SubmitButton>
                      </ActionForm>
                      <span className="muted">by {c.authorName}</span>
                      {c.hasEstimate && <span className="badge badge-ok">estimated</span>}
                      <span className="spacer" />
                      {(c.authorId === props.me.id || props.me.canModerate) && props.me.canContribute && (
                        <ActionForm action={props.deleteAction} refresh confirm={`Delete the card "${c.title}"? Its estimate goes with it.`}>
                          <input type="hidden" name="failureModeId" value={c.id} />
                          <SubmitButton className="btn btn-small btn-ghost" pendingText="Deleting…">
                            Delete
                          </SubmitButton>
                        </ActionForm>
                      )}
                    </div>
                  </article>
                ))}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

/**
 * Edits a card from the version it showed when editing began: if someone else
 * saves it meanwhile, the server refuses (CONFLICT) and the editor keeps your
 * text; saving again is then a deliberate overwrite of the version now shown.
 */
function CardEditor({ card, columns, action }: { card: Card; columns: { id: string; label: string }[]; action: Action }) {
  const [open, setOpen] = useState(false);
  const [base, setBase] = useState(card.version);
  const [conflicted, setConflicted] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-small btn-ghost"
        onClick={() => {
          setBase(card.version);
          setConflicted(false);
          setOpen(true);
        }}
      >
        Edit<span className="sr-only"> {card.title}</span>
      </button>
    );
  }
  const save: Action = async (prev, form) => {
    const r = await action(prev, form);
    if (!r.ok && r.code === "CONFLICT") setConflicted(true);
    return r;
  };
  const key = `edit-${card.id}`;
  return (
    <ActionForm action={save} refresh aria-label={`Edit ${card.title}`} onSuccess={() => setOpen(false)}>
      <input type="hidden" name="failureModeId" value={card.id} />
      <input type="hidden" name="version" value={conflicted ? card.version : base} />
      <TextField id={`${key}-title`} name="title" label="Failure mode" defaultValue={card.title} />
      <SelectField id={`${key}-where`} name="injectionPoint" label="Where is it injected?" defaultValue={card.injectionPoint} options={columns.map((c) => ({ value: c.id, label: c.label }))} />
      <TextArea id={`${key}-description`} name="description" label="Details (optional)" rows={2} defaultValue={card.description} />
      <div className="row">
        <SubmitButton className="btn btn-small btn-primary" pendingText="Saving…">
          {conflicted ? "Save mine anyway" : "Save card"}
        </SubmitButton>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </ActionForm>
  );
}
