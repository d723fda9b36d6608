"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ActionForm, type FormResult } from "@/components/ui/action-form";
import { SubmitButton, TextArea } from "@/components/ui/fields";
import { queryKeys } from "@/components/data/query-client";
import type { RunView as Run } from "@/lib/runs/run-views";
import { RUN_STATUS_LABELS } from "@/lib/runs/status";
import { Countdown } from "./countdown";
import { MeasuredForm } from "./measured-form";
import { useRun } from "./use-run";
import { RunCharts } from "@/components/metrics/run-charts";
import { useRunMetrics } from "@/components/metrics/use-run-metrics";
import { suggestedImpact } from "@/components/metrics/suggested-impact";
import { ConfirmationCell, ConfirmationLine, FaultAlertBanner } from "./fault-confirmation";

type Action = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

const time = (iso: string) => new Date(iso).toISOString().slice(11, 19);

export function RunView(props: {
  initial: Run;
  gameDayId: string;
  rules: string[];
  faultLabels: string[];
  me: { canFacilitate: boolean; canContribute: boolean };
  actions: { end: Action; observe: Action; measure: Action; goOn: Action };
  severities: { value: string; label: string }[];
  impacts: { value: string; label: string }[];
}) {
  const { data: run, error, refetch } = useRun(props.initial);
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
  const live = run.status === "running" || run.status === "preflight" || run.status === "stopping";
  const ended = run.status === "completed" || run.status === "aborted" || run.status === "failed";
  // Same query as the charts (shared cache): the computed impact proposes the measured figures.
  const hasProbes = run.experiment.steadyState.length > 0 || run.experiment.abortConditions.length > 0;
  const metrics = useRunMetrics(run.id, live, hasProbes && !!run.startedAt);
  const suggested = suggestedImpact(metrics.data?.impact ?? null, metrics.data?.alerts ?? null);

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h2 style={{ marginBottom: "0.25rem" }}>{run.experiment.title}</h2>
          <p>{props.faultLabels.join(", ")}</p>
        </div>
        <span className={`badge ${live ? "badge-danger" : run.status === "completed" ? "badge-ok" : "badge-warn"}`} data-testid="run-status" style={{ fontSize: "1.1rem" }}>
          {RUN_STATUS_LABELS[run.status]}
        </span>
      </div>
      {error && <p className="alert alert-error">Lost contact with the server ({error.message}); retrying. The run continues on the server.</p>}
      {run.faultAlert && <FaultAlertBanner runId={run.id} alert={run.faultAlert} canFacilitate={props.me.canFacilitate} actions={props.actions} onDone={refresh} />}

      {run.startedAt && (run.experiment.steadyState.length > 0 || run.experiment.abortConditions.length > 0) && <RunCharts runId={run.id} live={live} until={live && run.endsAt ? Date.parse(run.endsAt) / 1000 : null} />}

      <div className="grid-2">
        <section className="card" aria-label="Hypothesis and timer">
          <h3>Hypothesis</h3>
          <p style={{ fontSize: "1.2rem" }}>{run.experiment.hypothesis}</p>
          {run.status === "running" && run.endsAt && <Countdown endsAt={run.endsAt} onElapsed={() => refetch()} />}
          {live && props.me.canFacilitate && (
            <div className="row" style={{ marginTop: "1rem" }}>
              <ActionForm action={props.actions.end} aria-label="Stop run" onSuccess={refresh}>
                <input type="hidden" name="runId" value={run.id} />
                <input type="hidden" name="how" value="stop" />
                <SubmitButton className="btn btn-stop" pendingText="Stopping…">
                  ■ Stop
                </SubmitButton>
              </ActionForm>
              <ActionForm action={props.actions.end} aria-label="Abort run" onSuccess={refresh}>
                <input type="hidden" name="runId" value={run.id} />
                <input type="hidden" name="how" value="abort" />
                <input type="hidden" name="reason" value="Aborted by the facilitator" />
                <SubmitButton className="btn" pendingText="Aborting…">
                  Abort
                </SubmitButton>
              </ActionForm>
            </div>
          )}
          {live && !props.me.canFacilitate && <p className="small muted">Only facilitators and admins can stop the run.</p>}
          {ended && run.endedAt && <p className="muted">Ended at {time(run.endedAt)} UTC.</p>}
          {props.rules.length > 0 && (
            <>
              <h3 style={{ marginTop: "1.25rem" }}>Rules</h3>
              <ul>
                {props.rules.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="card" aria-label="Timeline">
          <h3>Timeline (UTC)</h3>
          <ol className="timeline" data-testid="timeline">
            {run.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at}>{time(e.at)}</time>
                <span className="badge">{e.type}</span>
                <span>
                  {e.message}
                  {e.actorName && <span className="muted"> — {e.actorName}</span>}
                </span>
              </li>
            ))}
          </ol>
          {props.me.canContribute && (
            <ActionForm action={props.actions.observe} resetOnSuccess aria-label="Add observation" onSuccess={refresh}>
              <input type="hidden" name="runId" value={run.id} />
              <TextArea name="message" label="Observation" rows={2} placeholder="What are you seeing?" />
              <SubmitButton pendingText="Adding…">Add to timeline</SubmitButton>
            </ActionForm>
          )}
        </section>
      </div>

      {run.ledger.length > 0 && (
        <section className="card" aria-label="Changes to the cluster">
          <h3>Changes to the cluster</h3>
          <ConfirmationLine summary={run.confirmation} />
          <table data-testid="ledger">
            <thead>
              <tr>
                <th>Fault</th>
                <th>Target</th>
                <th>Rounds</th>
                <th>State</th>
                <th>In effect? (from the cluster)</th>
                <th>Recovered?</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {run.ledger.map((l) => (
                <tr key={l.id}>
                  <td>{l.kind}</td>
                  <td>{l.target}</td>
                  <td>{l.rounds}</td>
                  <td>
                    <span className={`badge ${l.state === "reverted" ? "badge-ok" : l.state === "applied" ? "badge-danger" : "badge-warn"}`}>{l.state}</span>
                  </td>
                  <ConfirmationCell state={l.effect} detail={l.effectDetail} />
                  <ConfirmationCell state={l.recovery} detail={l.recoveryDetail} recovery />
                  <td className="small">{l.lastError ? `${l.lastError} (attempt ${l.attempts})` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {ended && (
        <section className="card" aria-label="Measured impact">
          <h3>Measured impact</h3>
          {run.confirmation.inconclusive && <p className="alert alert-error" data-testid="measured-inconclusive">{run.confirmation.inconclusive.replace(/\.$/, "")}: the hypothesis cannot be recorded as held.</p>}
          {props.me.canContribute ? (
            <MeasuredForm inconclusive={run.confirmation.inconclusive !== null} key={suggested ? "computed" : "blank"} action={props.actions.measure} runId={run.id} initial={run.measured} suggested={suggested} severities={props.severities} impacts={props.impacts} onSaved={refresh} />
          ) : run.measured ? (
            <p>
              Severity {run.measured.severity}, hypothesis {run.confirmation.inconclusive ? "inconclusive" : run.measured.hypothesisHeld ? "held" : "disproved"}. {run.measured.notes}
            </p>
          ) : (
            <p className="muted">Not recorded yet.</p>
          )}
        </section>
      )}
    </div>
  );
}
