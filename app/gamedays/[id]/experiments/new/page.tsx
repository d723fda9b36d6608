import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getBoard } from "@/lib/gameday/board";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { can, whoCan } from "@/lib/auth/roles";
import { ExperimentEditor } from "@/components/experiments/experiment-editor";
import { previewExperimentAction, saveExperimentAction } from "../actions";
import { listConnections } from "@/lib/k8s/connections";

export const metadata = { title: "New experiment" };

export default async function NewExperimentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ failureMode?: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const cards = await orNotFound(() => getBoard(user, id));
  if (!can(user.role, "contribute")) return <main className="page"><p className="alert alert-error">{whoCan("contribute")}</p></main>;
  const preselected = (await searchParams).failureMode;
  return (
    <main className="page">
      <h2>New experiment</h2>
      <ExperimentEditor
        action={saveExperimentAction}
        previewAction={previewExperimentAction}
        clusters={(await listConnections(user)).map((c) => ({ id: c.id, name: c.name }))}
        gameDayId={id}
        catalog={authoringCatalog()}
        failureModes={cards.map((c) => ({ id: c.id, title: c.title }))}
        redirectTo={`/gamedays/${id}/experiments`}
        initial={{
          title: "",
          hypothesis: "",
          failureModeIds: cards.some((c) => c.id === preselected) ? [preselected!] : [],
          faults: [{ kind: "", params: {} }],
          targets: { namespace: "", labelSelector: "" },
          durationSec: 300,
          steadyState: [],
          abortConditions: [],
          rollbackNotes: "",
        }}
      />
    </main>
  );
}
