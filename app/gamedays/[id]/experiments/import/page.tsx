import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { listConnections } from "@/lib/k8s/connections";
import { can, whoCan } from "@/lib/auth/roles";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { ImportForm } from "@/components/as-code/import-form";
import { importExperimentsAction, previewImportAction } from "../actions";

export const metadata = { title: "Import experiments" };

export default async function ImportExperimentsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  await orNotFound(() => getGameDayOrThrow(user, id));
  if (!can(user.role, "contribute")) return <main className="page"><p className="alert alert-error">{whoCan("contribute")}</p></main>;
  const clusters = (await listConnections(user)).map((c) => ({ id: c.id, name: c.name }));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Import experiments</h2>
          <p>
            Paste or upload YAML or JSON: Firedrill Experiment documents, Chaos Mesh objects (PodChaos, NetworkChaos, HTTPChaos, StressChaos, IOChaos, TimeChaos, DNSChaos, Schedule), a LitmusChaos ChaosEngine, Istio VirtualService fault blocks, a PowerfulSeal policy or a Chaos Toolkit
            experiment. Preview what will be created and what could not be mapped; nothing is written until you create them, and then all or nothing.
          </p>
        </div>
        <Link className="btn" href={`/gamedays/${id}/experiments`}>
          Back to experiments
        </Link>
      </div>
      <ImportForm gameDayId={id} clusters={clusters} labels={Object.fromEntries(authoringCatalog().map((c) => [c.kind, c.label]))} previewAction={previewImportAction} importAction={importExperimentsAction} redirectTo={`/gamedays/${id}/experiments`} />
    </main>
  );
}
