import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { listExperiments } from "@/lib/experiments/experiments";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { isPeopleExperiment } from "@/lib/experiments/schemas";
import { RUN_STATUS_LABELS, isLive } from "@/lib/runs/status";
import { can, whoCan } from "@/lib/auth/roles";
import { ActionButton } from "@/components/ui/action-button";
import { deleteExperimentAction, saveToLibraryAction, startRunAction } from "./actions";
import { StartRunButton } from "@/components/runs/start-run-button";
import { listExperimentGuessBoards } from "@/lib/gameday/guesses/guess-reads";
import { GuessCard } from "@/components/guesses/guess-card";
import { saveGuessAction } from "./guess-actions";

export const metadata = { title: "Experiments" };

export default async function ExperimentsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const experiments = await orNotFound(() => listExperiments(user, id));
  const guesses = await listExperimentGuessBoards(user, id);
  const catalog = new Map(authoringCatalog().map((c) => [c.kind, c]));
  const facilitator = can(user.role, "facilitate");
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h2>Experiments</h2>
          <p>Planned, controlled experiments: hypothesis, method, blast radius, steady state, abort conditions, rollback.</p>
        </div>
        <div className="row">
          <Link className="btn" href={`/gamedays/${id}/library`}>
            Library
          </Link>
          {can(user.role, "contribute") && (
            <>
              <Link className="btn" href={`/gamedays/${id}/experiments/import`}>
                Import YAML
              </Link>
              <Link className="btn btn-primary" href={`/gamedays/${id}/experiments/new`}>
                New experiment
              </Link>
            </>
          )}
        </div>
      </div>
      {experiments.length === 0 ? (
        <div className="empty">
          <strong>No experiments yet</strong>
          Turn the most-voted failure modes into experiments. People experiments (Staycation, Liar Liar, …) run without a cluster.
        </div>
      ) : (
        <div className="grid-2">
          {experiments.map((e) => {
            const runnable = isPeopleExperiment(e.faults) || e.clusterId !== null;
            const live = e.runs.find((r) => isLive(r.status));
            return (
              <article key={e.id} className="card" aria-label={e.title}>
                <div className="row">
                  <h3 style={{ margin: 0 }}>{e.title}</h3>
                  <span className="badge">{isPeopleExperiment(e.faults) ? "people" : "cluster"}</span>
                  <span className="badge">{e.durationSec} s</span>
                </div>
                <p className="muted" style={{ marginTop: "0.5rem" }}>
                  {e.hypothesis}
                </p>
                <p className="small">Faults: {e.faults.map((f) => catalog.get(f.kind)?.label ?? f.kind).join(", ")}</p>
                {e.runs.length > 0 && (
                  <p className="small">
                    Runs:{" "}
                    {e.runs.map((r, i) => (
                      <span key={r.id}>
                        {i > 0 && ", "}
                        <Link href={`/gamedays/${id}/runs/${r.id}`}>{RUN_STATUS_LABELS[r.status]}</Link>
                      </span>
                    ))}
                  </p>
                )}
                {guesses[e.id] && <GuessCard board={guesses[e.id]} experimentId={e.id} title={e.title} action={saveGuessAction} />}
                <div className="row">
                  {live ? (
                    <Link className="btn btn-danger" href={`/gamedays/${id}/runs/${live.id}`}>
                      Live run →
                    </Link>
                  ) : facilitator ? (
                    runnable ? (
                      <StartRunButton action={startRunAction} experimentId={e.id} redirectTo={`/gamedays/${id}/runs/{id}`} />
                    ) : (
                      <span className="small muted">Pick the cluster it injects into (Edit) to run it.</span>
                    )
                  ) : (
                    <span className="small muted">{whoCan("facilitate").replace("do this", "start runs")}</span>
                  )}
                  <span className="spacer" />
                  <a className="btn btn-small btn-ghost" href={`/gamedays/${id}/experiments/${e.id}/yaml`} download>
                    Export YAML
                  </a>
                  {can(user.role, "contribute") && (
                    <>
                      <ActionButton action={saveToLibraryAction} fields={{ experimentId: e.id }} showSuccess className="btn btn-small btn-ghost" pendingText="Saving…">
                        Save to library
                      </ActionButton>
                      {live ? (
                        <span className="small muted">Locked while it runs: the run injects the copy preflight checked.</span>
                      ) : (
                        <Link className="btn btn-small" href={`/gamedays/${id}/experiments/${e.id}`}>
                          Edit
                        </Link>
                      )}
                      {e.runs.length === 0 && (
                        <ActionButton action={deleteExperimentAction} fields={{ experimentId: e.id }} refresh confirm={`Delete the experiment "${e.title}"?`} className="btn btn-small btn-ghost" pendingText="Deleting…">
                          Delete
                        </ActionButton>
                      )}
                    </>
                  )}
                </div>
              </article>
            );
          })}
        </div>
      )}
    </main>
  );
}
