import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { listConnections } from "@/lib/k8s/connections";
import { listLibrary } from "@/lib/library/library";
import { can } from "@/lib/auth/roles";
import { LibraryCard } from "@/components/library/library-card";
import { addFromLibraryAction, deleteLibraryEntryAction } from "./actions";

export const metadata = { title: "Experiment library" };

export default async function LibraryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  await orNotFound(() => getGameDayOrThrow(user, id));
  const { builtin, saved } = await listLibrary(user);
  const clusters = (await listConnections(user)).map((c) => ({ id: c.id, name: c.name }));
  const contribute = can(user.role, "contribute");
  const card = (e: (typeof builtin)[number]) => <LibraryCard key={e.id} entry={e} gameDayId={id} clusters={clusters} canAdd={contribute} addAction={addFromLibraryAction} deleteAction={e.savedBy ? deleteLibraryEntryAction : undefined} />;
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Experiment library</h2>
          <p>Ready experiments from the field&apos;s classics and your team&apos;s own. Each says what it needs; add one to this GameDay in one click, then run it from Experiments.</p>
        </div>
        <Link className="btn" href={`/gamedays/${id}/experiments`}>
          Back to experiments
        </Link>
      </div>
      <h3>Saved by your team</h3>
      {saved.length === 0 ? (
        <div className="empty">
          <strong>Nothing saved yet</strong>
          Use “Save to library” on an experiment to reuse it in later GameDays.
        </div>
      ) : (
        <div className="grid-2">{saved.map(card)}</div>
      )}
      <h3 style={{ marginTop: "1.5rem" }}>Classics</h3>
      <div className="grid-2">{builtin.map(card)}</div>
    </main>
  );
}
