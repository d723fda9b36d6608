import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { customObjects, customResourceFault } from "../builders/custom-resource";
import { k8sOrGone } from "../cluster-call";
import { confirmed, failedToTakeEffect, pendingConfirmation } from "../fault-module";

/**
 * LitmusChaos: a ChaosEngine that runs a ChaosExperiment (installed in the
 * namespace beforehand, e.g. from ChaosHub) against the pods of the selector.
 * Revert deletes the ChaosEngine; Litmus's operator stops the experiment.
 */
export const litmusEngine = customResourceFault({
  kind: "litmus-engine",
  label: "LitmusChaos ChaosEngine",
  backend: "litmus",
  description: "Run a ChaosExperiment installed in the namespace through a ChaosEngine.",
  params: z.object({
    experiment: z.string().trim().min(1, "Name the ChaosExperiment.").max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "A ChaosExperiment name is lower-case letters, digits and dashes.").default("pod-delete").meta({ title: "ChaosExperiment" }),
    // The values the ChaosEngine CRD's appkind pattern allows.
    appKind: z.enum(["deployment", "statefulset", "daemonset", "deploymentconfig", "rollout"]).default("deployment").meta({ title: "Application kind" }),
    serviceAccount: z.string().trim().min(1, "Name the service account the experiment runs as.").max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "A service account name is lower-case letters, digits, dots and dashes.").default("litmus-admin").meta({ title: "Chaos service account" }),
  }),
  resource: { backend: "LitmusChaos", group: "litmuschaos.io", version: "v1alpha1", plural: "chaosengines", kind: "ChaosEngine" },
  spec: (ctx, t) => {
    const env = [{ name: "TOTAL_CHAOS_DURATION", value: String(ctx.durationSec) }];
    // The pod experiments of litmus-go take a share of the pods, never a count (refused in check below).
    if (ctx.targets.sample.mode === "percent") env.push({ name: "PODS_AFFECTED_PERC", value: String(Math.round(ctx.targets.sample.value)) });
    return {
      engineState: "active",
      // The label selector string Litmus lists pods with: protected labels are excluded in it.
      appinfo: { appns: t.namespace, applabel: t.selector ?? t.name, appkind: ctx.params.appKind },
      chaosServiceAccount: ctx.params.serviceAccount,
      jobCleanUpPolicy: "delete",
      experiments: [{ name: ctx.params.experiment, spec: { components: { env } } }],
    };
  },
  extraPermissions: [
    { verb: "get", group: "litmuschaos.io", resource: "chaosexperiments" },
    { verb: "get", group: "litmuschaos.io", resource: "chaosresults" },
  ],
  async confirm(ctx, engine, undo, phase) {
    if (phase === "recovered") return engine ? pendingConfirmation("The ChaosEngine is still there (the Litmus operator is stopping it).") : confirmed("The ChaosEngine is deleted; the Litmus operator stopped the experiment.");
    if (!engine) return failedToTakeEffect("The ChaosEngine is gone: something deleted it.");
    // The operator writes per-experiment status on the engine; the runner writes a ChaosResult named <engine>-<experiment>.
    const runs = ((engine.status?.experiments as { name?: string; status?: string; verdict?: string; lastUpdateTime?: string }[] | undefined) ?? []);
    const broken = runs.find((x) => /error|fail/i.test(x.status ?? ""));
    if (broken) return failedToTakeEffect(`Litmus reports experiment ${broken.name ?? ctx.params.experiment}: ${broken.status}${broken.verdict ? `, verdict ${broken.verdict}` : ""}.`);
    const result = (await k8sOrGone(`reading ChaosResult ${undo.namespace}/${undo.name}-${ctx.params.experiment}`, () =>
      customObjects(ctx.client).getNamespacedCustomObject({ group: "litmuschaos.io", version: "v1alpha1", plural: "chaosresults", namespace: undo.namespace, name: `${undo.name}-${ctx.params.experiment}` }),
    )) as { status?: { experimentStatus?: { phase?: string; verdict?: string; failStep?: string } } } | null;
    const st = result?.status?.experimentStatus;
    if (st?.phase && /error/i.test(st.phase)) return failedToTakeEffect(`Litmus ChaosResult: phase ${st.phase}${st.failStep ? `, failed at: ${st.failStep}` : ""}.`);
    if (st?.phase === "Running" || st?.phase === "Completed") return confirmed(`Litmus ChaosResult: phase ${st.phase}, verdict ${st.verdict ?? "Awaited"}.`);
    return pendingConfirmation(engine.status ? `The Litmus operator reports ${String(engine.status.engineStatus ?? "no engine status")}; no ChaosResult yet.` : "No status from the Litmus operator yet (is it running in this cluster?).");
  },
  async check(ctx, t) {
    if (ctx.targets.sample.mode === "count") {
      throw new AppError({ code: "BAD_INPUT", message: "LitmusChaos experiments take a percentage of the pods, not a count: sample all pods or a percentage.", fieldErrors: { "targets.sample.mode": "Pick all or a percentage." } });
    }
    const found = await k8sOrGone(`looking for ChaosExperiment ${t.namespace}/${ctx.params.experiment}`, () =>
      customObjects(ctx.client).getNamespacedCustomObject({ group: "litmuschaos.io", version: "v1alpha1", plural: "chaosexperiments", namespace: t.namespace!, name: ctx.params.experiment }),
    );
    if (!found) throw new AppError({ code: "BAD_INPUT", message: `There is no ChaosExperiment "${ctx.params.experiment}" in namespace ${t.namespace}: install it (e.g. from ChaosHub) before running this fault.` });
  },
});
