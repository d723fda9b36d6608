import { requireUser } from "@/app/_server/session";
import { listConnections } from "@/lib/k8s/connections";
import { readExecAllowlist } from "@/lib/k8s/exec-allowlist";
import { can, whoCan } from "@/lib/auth/roles";
import { AddClusterForm } from "@/components/clusters/add-cluster-form";
import { ClusterCard } from "@/components/clusters/cluster-card";
import { createClusterAction, deleteClusterAction, saveGuardrailsAction, stopClusterAction, testClusterAction } from "./actions";

export const metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const user = await requireUser();
  if (!can(user.role, "facilitate")) {
    return (
      <main className="page-narrow">
        <h1>Clusters</h1>
        <p className="alert alert-error">{whoCan("facilitate")}</p>
      </main>
    );
  }
  const clusters = await listConnections(user);
  const admin = can(user.role, "administer");
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Clusters</h1>
          <p>Where cluster faults are injected. Kubeconfigs are encrypted at rest and never sent to the browser.</p>
        </div>
      </div>
      <div className="grid-2">
        <div className="stack">
          {clusters.length === 0 && (
            <div className="empty">
              <strong>No clusters connected</strong>
              {admin ? "Add one with a kubeconfig to run cluster experiments." : "An admin connects clusters."}
            </div>
          )}
          {clusters.map((c) => (
            <ClusterCard key={c.id} cluster={c} admin={admin} actions={{ test: testClusterAction, guardrails: saveGuardrailsAction, remove: deleteClusterAction, stop: stopClusterAction }} />
          ))}
        </div>
        {admin && (
          <section className="card" aria-label="Add cluster">
            <h2>Add a cluster</h2>
            <AddClusterForm action={createClusterAction} execPlugins={readExecAllowlist().map((e) => [e.command, ...e.leadingArgs].join(" "))} />
          </section>
        )}
      </div>
    </main>
  );
}
