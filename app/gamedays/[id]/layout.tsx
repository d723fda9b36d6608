import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { PHASES, PHASE_INFO, phaseState } from "@/lib/gameday/phases";
import { can } from "@/lib/auth/roles";
import { joinQrDataUrl, joinUrl } from "@/lib/live/join-link";
import { PhaseStepper } from "@/components/gameday/phase-stepper";
import { LiveProvider } from "@/components/live/live-provider";
import { LiveStatus } from "@/components/live/live-status";
import { FollowMode } from "@/components/live/follow-mode";
import { JoinPanel } from "@/components/live/join-panel";
import { requestOrigin } from "./present/_lib/request-origin";

export default async function GameDayLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const g = await orNotFound(() => getGameDayOrThrow(user, id));
  const steps = PHASES.map((p, i) => ({ phase: p, number: i + 1, label: PHASE_INFO[p].label, href: `/gamedays/${g.id}${PHASE_INFO[p].path}`, state: phaseState(g.phase, p) }));
  const join = joinUrl(await requestOrigin(), g.id);
  return (
    <LiveProvider gameDayId={g.id} initial={{ seq: g.liveSeq, phase: g.phase, stepTimerEndsAt: g.stepTimerEndsAt?.toISOString() ?? null }}>
      <div className="gd-header">
        <div className="row">
          <h1>{g.title}</h1>
          <span className="badge badge-accent">Now: {PHASE_INFO[g.phase].label}</span>
          <LiveStatus />
          <span className="spacer" />
          <Suspense>
            <FollowMode gameDayId={g.id} defaultOn={!can(user.role, "facilitate")} />
          </Suspense>
          <JoinPanel url={join} qr={await joinQrDataUrl(join)} />
          <Link className="btn btn-small" href={`/gamedays/${g.id}/present`}>
            Presenter mode
          </Link>
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {g.systemUnderTest} · {g.scheduledFor.toISOString().slice(0, 10)}
        </p>
        <PhaseStepper steps={steps} />
      </div>
      {children}
    </LiveProvider>
  );
}
