import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getRunOrThrow } from "@/lib/runs/run-views";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { SEVERITY_LABELS, USER_IMPACTS, USER_IMPACT_LABELS } from "@/lib/gameday/impact";
import { can } from "@/lib/auth/roles";
import { RunView } from "@/components/runs/run-view";
import { getGuessReveal } from "@/lib/gameday/guesses/guess-reveal";
import { GuessRevealTable } from "@/components/guesses/guess-reveal-table";
import { addObservationAction, endRunAction, goOnAfterFaultFailureAction, saveMeasuredAction } from "../actions";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const user = await requireUser();
  const p = await params;
  const id = routeId(p.id);
  const run = await orNotFound(() => getRunOrThrow(user, routeId(p.runId)));
  if (run.experiment.gameDayId !== id) notFound();
  const catalog = authoringCatalog();
  const guesses = await getGuessReveal(user, run.id);
  return (
    <main className="page">
      <RunView
        initial={run}
        gameDayId={id}
        rules={run.experiment.faults.flatMap((f) => catalog.find((c) => c.kind === f.kind)?.rules ?? [])}
        faultLabels={run.experiment.faults.map((f) => catalog.find((c) => c.kind === f.kind)?.label ?? f.kind)}
        me={{ canFacilitate: can(user.role, "facilitate"), canContribute: can(user.role, "contribute") }}
        actions={{ end: endRunAction, observe: addObservationAction, measure: saveMeasuredAction, goOn: goOnAfterFaultFailureAction }}
        severities={Object.entries(SEVERITY_LABELS).map(([value, label]) => ({ value, label }))}
        impacts={USER_IMPACTS.map((u) => ({ value: u, label: USER_IMPACT_LABELS[u] }))}
      />
      {guesses.board.count > 0 && <GuessRevealTable reveal={guesses} />}
    </main>
  );
}
