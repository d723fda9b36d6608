import type { ReactNode } from "react";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { PHASES, PHASE_INFO, phaseState } from "@/lib/gameday/phases";
import { PhaseStepper } from "@/components/gameday/phase-stepper";

export default async function GameDayLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const g = await orNotFound(() => getGameDayOrThrow(user, id));
  const steps = PHASES.map((p, i) => ({ phase: p, number: i + 1, label: PHASE_INFO[p].label, href: `/gamedays/${g.id}${PHASE_INFO[p].path}`, state: phaseState(g.phase, p) }));
  return (
    <>
      <div className="gd-header">
        <div className="row">
          <h1>{g.title}</h1>
          <span className="badge badge-accent">Now: {PHASE_INFO[g.phase].label}</span>
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {g.systemUnderTest} · {g.scheduledFor.toISOString().slice(0, 10)}
        </p>
        <PhaseStepper steps={steps} />
      </div>
      {children}
    </>
  );
}
