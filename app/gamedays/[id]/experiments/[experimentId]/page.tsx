import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getBoard } from "@/lib/gameday/board";
import { getExperimentOrThrow } from "@/lib/experiments/experiments";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { can, whoCan } from "@/lib/auth/roles";
import { ExperimentEditor } from "@/components/experiments/experiment-editor";
import { previewExperimentAction, saveExperimentAction } from "../actions";
import { listConnections } from "@/lib/k8s/connections";

export const metadata = { title: "Edit experiment" };

export default async function EditExperimentPage({ params }: { params: Promise<{ id: string; experimentId: string }> }) {
  const user = await requireUser();
  const p = await params;
  const id = routeId(p.id);
  const experiment = await orNotFound(() => getExperimentOrThrow(user, routeId(p.experimentId)));
  if (experiment.gameDayId !== id) notFound();
  const cards = await getBoard(user, id);
  if (!can(user.role, "contribute")) return <main className="page"><p className="alert alert-error">{whoCan("contribute")}</p></main>;
  return (
    <main className="page">
      <h2>Edit experiment</h2>
      <ExperimentEditor
        action={saveExperimentAction}
        previewAction={previewExperimentAction}
        clusters={(await listConnections(user)).map((c) => ({ id: c.id, name: c.name }))}
        gameDayId={id}
        catalog={authoringCatalog()}
        failureModes={cards.map((c) => ({ id: c.id, title: c.title }))}
        redirectTo={`/gamedays/${id}/experiments`}
        initial={{
          experimentId: experiment.id,
          title: experiment.title,
          hypothesis: experiment.hypothesis,
          failureModeIds: experiment.failureModeIds,
          faults: experiment.faults,
          targets: experiment.targets,
          clusterId: experiment.clusterId ?? "",
          durationSec: experiment.durationSec,
          steadyState: experiment.steadyState,
          abortConditions: experiment.abortConditions,
          rollbackNotes: experiment.rollbackNotes,
        }}
      />
    </main>
  );
}
