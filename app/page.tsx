import Link from "next/link";
import { requireUser } from "./_server/session";
import { listGameDays } from "@/lib/gameday/gamedays";
import { PHASE_INFO } from "@/lib/gameday/phases";
import { can } from "@/lib/auth/roles";

export default async function HomePage() {
  const user = await requireUser();
  const gameDays = await listGameDays(user);
  const facilitator = can(user.role, "facilitate");
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>GameDays</h1>
          <p>Plan, run and learn from chaos experiments together. Team: {user.teamName}.</p>
        </div>
        {facilitator && (
          <div className="row">
            <Link className="btn" href="/gamedays/from-template">
              New from template
            </Link>
            <Link className="btn btn-primary" href="/gamedays/new">
              New GameDay
            </Link>
          </div>
        )}
      </div>
      {gameDays.length === 0 ? (
        <div className="empty">
          <strong>No GameDays yet</strong>
          {facilitator ? "Create the first one: set goals, invite the team, and brainstorm how things could fail." : "A facilitator will create the first GameDay."}
        </div>
      ) : (
        <div className="grid-3">
          {gameDays.map((g) => (
            <Link key={g.id} href={`/gamedays/${g.id}`} className="card card-link">
              <div className="row">
                <span className="badge badge-accent">{PHASE_INFO[g.phase].label}</span>
                <span className="muted small">{g.scheduledFor.slice(0, 10)}</span>
              </div>
              <h2 style={{ marginTop: "0.5rem" }}>{g.title}</h2>
              <p className="muted">{g.systemUnderTest}</p>
              <p className="small muted">
                {g.failureModes} failure modes · {g.experiments} experiments · {g.participants} participants
              </p>
            </Link>
          ))}
        </div>
      )}
    </main>
  );
}
