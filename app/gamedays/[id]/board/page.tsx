import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getBoard } from "@/lib/gameday/board";
import { INJECTION_POINTS, INJECTION_POINT_LABELS } from "@/lib/gameday/schemas";
import { can } from "@/lib/auth/roles";
import { BoardView } from "@/components/gameday/board-view";
import { addFailureModeAction, deleteFailureModeAction, toggleVoteAction, updateFailureModeAction } from "./actions";

export const metadata = { title: "Brainstorm" };

export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const cards = await orNotFound(() => getBoard(user, id));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>How could the system fail?</h2>
          <p>One card per failure mode, placed where the failure is injected. Vote for the ones worth testing today.</p>
        </div>
      </div>
      <BoardView
        gameDayId={id}
        cards={cards}
        me={{ id: user.id, canContribute: can(user.role, "contribute"), canModerate: can(user.role, "facilitate") }}
        columns={INJECTION_POINTS.map((p) => ({ id: p, label: INJECTION_POINT_LABELS[p] }))}
        addAction={addFailureModeAction}
        voteAction={toggleVoteAction}
        deleteAction={deleteFailureModeAction}
        editAction={updateFailureModeAction}
      />
    </main>
  );
}
