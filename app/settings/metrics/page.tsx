import { requireUser } from "@/app/_server/session";
import { can, whoCan } from "@/lib/auth/roles";
import { listSources } from "@/lib/metrics/sources";
import { listConnections } from "@/lib/k8s/connections";
import { AddSourceForm } from "@/components/metrics/add-source-form";
import { SourceCard } from "@/components/metrics/source-card";
import { createSourceAction, deleteSourceAction, revokeReceiverTokenAction, rotateReceiverTokenAction, testSourceAction } from "./actions";

export const metadata = { title: "Metrics sources" };

export default async function MetricsSourcesPage() {
  const user = await requireUser();
  if (!can(user.role, "facilitate")) {
    return (
      <main className="page-narrow">
        <h1>Metrics sources</h1>
        <p>{whoCan("facilitate")}</p>
      </main>
    );
  }
  const [sources, clusters] = await Promise.all([listSources(user), listConnections(user)]);
  const admin = can(user.role, "administer");
  return (
    <main className="page-narrow">
      <div className="page-header">
        <div>
          <h1>Metrics sources</h1>
          <p>The Prometheus servers probes, abort conditions and live charts read from. Firedrill only ever talks to these URLs; credentials are stored encrypted and never shown again.</p>
        </div>
      </div>
      {sources.length === 0 && <p className="muted">No Prometheus yet.</p>}
      {sources.map((s) => (
        <SourceCard key={s.id} source={s} canDelete={admin} actions={{ test: testSourceAction, remove: deleteSourceAction, rotateReceiver: rotateReceiverTokenAction, revokeReceiver: revokeReceiverTokenAction }} />
      ))}
      <section className="card" aria-label="Add a metrics source">
        <h2>Add Prometheus</h2>
        {admin ? <AddSourceForm action={createSourceAction} clusters={clusters.map((c) => ({ value: c.id, label: c.name }))} /> : <p>{whoCan("administer")}</p>}
      </section>
    </main>
  );
}
