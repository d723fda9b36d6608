import { requireUser } from "@/app/_server/session";
import { can, whoCan } from "@/lib/auth/roles";
import { GameDayForm } from "@/components/gameday/gameday-form";
import { createGameDayAction } from "../actions";

export const metadata = { title: "New GameDay" };

export default async function NewGameDayPage() {
  const user = await requireUser();
  if (!can(user.role, "facilitate")) {
    return (
      <main className="page-narrow">
        <h1>New GameDay</h1>
        <p className="alert alert-error">{whoCan("facilitate")}</p>
      </main>
    );
  }
  return (
    <main className="page-narrow">
      <h1>New GameDay</h1>
      <p className="muted">Gather: what do you want to learn, about which system, and when.</p>
      <div className="card">
        <GameDayForm action={createGameDayAction} submitLabel="Create GameDay" redirectTo="/gamedays/{id}" />
      </div>
    </main>
  );
}
