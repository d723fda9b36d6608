import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { nextPhase, previousPhase, PHASE_INFO } from "@/lib/gameday/phases";
import { can } from "@/lib/auth/roles";
import { GameDayForm } from "@/components/gameday/gameday-form";
import { PhaseControls } from "@/components/gameday/phase-controls";
import { Participants } from "@/components/gameday/participants";
import { addParticipantAction, removeParticipantAction, setPhaseAction, updateGameDayAction } from "../actions";

export default async function GatherPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const g = await orNotFound(() => getGameDayOrThrow(user, id));
  const facilitator = can(user.role, "facilitate");
  const next = nextPhase(g.phase);
  const prev = previousPhase(g.phase);
  return (
    <main className="page">
      {facilitator && (
        <PhaseControls
          action={setPhaseAction}
          gameDayId={g.id}
          current={PHASE_INFO[g.phase].label}
          next={next ? { phase: next, label: PHASE_INFO[next].label } : null}
          previous={prev ? { phase: prev, label: PHASE_INFO[prev].label } : null}
        />
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="goals-h">
          <h2 id="goals-h">Goals</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{g.goals}</p>
          <h3>System under test</h3>
          <p>{g.systemUnderTest}</p>
          <p>
            <a className="btn btn-small btn-ghost" href={`/gamedays/${g.id}/template.yaml`} download>
              Export as template (YAML)
            </a>
          </p>
          {facilitator && (
            <details>
              <summary className="btn btn-small">Edit details</summary>
              <div style={{ marginTop: "1rem" }}>
                <GameDayForm
                  action={updateGameDayAction}
                  submitLabel="Save details"
                  initial={{ gameDayId: g.id, title: g.title, goals: g.goals, systemUnderTest: g.systemUnderTest, scheduledFor: g.scheduledFor.toISOString().slice(0, 10) }}
                />
              </div>
            </details>
          )}
        </section>
        <Participants
          gameDayId={g.id}
          canEdit={facilitator}
          participants={g.participants.map((p) => ({ id: p.id, name: p.name, email: p.email, hasAccount: p.userId !== null }))}
          addAction={addParticipantAction}
          removeAction={removeParticipantAction}
        />
      </div>
    </main>
  );
}
