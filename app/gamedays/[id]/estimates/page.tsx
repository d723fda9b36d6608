import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { listEstimates } from "@/lib/gameday/estimates";
import { INJECTION_POINT_LABELS } from "@/lib/gameday/schemas";
import { SEVERITY_LABELS, USER_IMPACTS, USER_IMPACT_LABELS } from "@/lib/gameday/impact";
import { can } from "@/lib/auth/roles";
import { Disclosure } from "@/components/ui/disclosure";
import { EstimateForm } from "@/components/gameday/estimate-form";
import { saveEstimateAction } from "./actions";

export const metadata = { title: "Estimate impact" };

export default async function EstimatesPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const modes = await orNotFound(() => listEstimates(user, id));
  const editable = can(user.role, "contribute");
  const severities = Object.entries(SEVERITY_LABELS).map(([value, label]) => ({ value, label }));
  const impacts = USER_IMPACTS.map((u) => ({ value: u, label: USER_IMPACT_LABELS[u] }));
  // Open the first card still to estimate; the room estimates one failure mode at a time.
  const firstOpen = modes.find((m) => !m.estimate)?.id;
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Estimate the impact</h2>
          <p>Before anything is injected: what do you expect each failure to do? Reality gets compared with this later.</p>
        </div>
      </div>
      {modes.length === 0 ? (
        <div className="empty">
          <strong>Nothing to estimate yet</strong>
          Add failure modes on the <Link href={`/gamedays/${id}/board`}>board</Link> first.
        </div>
      ) : (
        <div className="stack">
          {modes.map((m) => (
            <section key={m.id} className="card" aria-label={`Estimate for ${m.title}`}>
              <div className="row">
                <h3 style={{ margin: 0 }}>{m.title}</h3>
                <span className="badge">{INJECTION_POINT_LABELS[m.injectionPoint]}</span>
                <span className="badge">▲ {m.votes}</span>
                {m.estimate ? <span className="badge badge-ok">estimated</span> : <span className="badge badge-warn">not estimated</span>}
              </div>
              {m.estimate && (
                <p className="muted" style={{ marginTop: "0.5rem" }}>
                  Hypothesis: “{m.estimate.hypothesis}” · severity {m.estimate.severity} · {USER_IMPACT_LABELS[m.estimate.userImpact]}
                </p>
              )}
              {editable && (
                <Disclosure initiallyOpen={m.id === firstOpen} summaryClassName="btn btn-small" summary={m.estimate ? "Edit estimate" : "Estimate"}>
                  <EstimateForm action={saveEstimateAction} failureModeId={m.id} initial={m.estimate} severities={severities} impacts={impacts} />
                </Disclosure>
              )}
            </section>
          ))}
        </div>
      )}
    </main>
  );
}
