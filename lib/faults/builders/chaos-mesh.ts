import "server-only";
import type { z } from "zod";
import type { Targets } from "@/lib/experiments/schemas";
import { parseLabelSelector } from "@/lib/k8s/label-selector";
import type { FaultTarget, StepContext } from "../fault-module";
import { customObjects, customResourceFault, type CustomResourceFault } from "./custom-resource";
import { k8sOrGone } from "../cluster-call";
import { confirmChaosMesh, neverInjected } from "./confirm-chaos-mesh";

/** Chaos Mesh's annotation that makes its controller drop the records finalizer (controllers/common/finalizers). */
const CLEAN_FINALIZER = "chaos-mesh.chaos-mesh.org/cleanFinalizer";

/**
 * Chaos Mesh's common spec fields: which pods (`selector`: the target's
 * selector, protected labels excluded with NotIn), how many of them
 * (`mode`/`value`, from the experiment's sample) and for how long.
 */
export function chaosMeshCommon(targets: Targets, t: FaultTarget, durationSec: number): Record<string, unknown> {
  const { matchLabels, matchExpressions } = parseLabelSelector(t.selector ?? t.name);
  const selector = { namespaces: [t.namespace!], ...(matchLabels ? { labelSelectors: matchLabels } : {}), ...(matchExpressions ? { expressionSelectors: matchExpressions } : {}) };
  return { selector, ...chaosMeshMode(targets.sample), duration: `${durationSec}s` };
}

/** all → "all"; N pods → "fixed"; P % → "fixed-percent" (Chaos Mesh takes the value as a string). */
export function chaosMeshMode(sample: Targets["sample"]): { mode: string; value?: string } {
  if (sample.mode === "count") return { mode: "fixed", value: String(Math.max(1, Math.floor(sample.value))) };
  if (sample.mode === "percent") return { mode: "fixed-percent", value: String(Math.min(100, Math.max(1, Math.round(sample.value)))) };
  return { mode: "all" };
}

/** A Chaos Mesh kind: one chaos object of `crKind` whose action-specific fields come from `spec`. */
export function chaosMeshFault<S extends z.ZodObject>(opts: {
  kind: string;
  label: string;
  description: string;
  params: S;
  crKind: string;
  plural: string;
  spec: (params: z.output<S>, ctx: StepContext<z.output<S>>) => Record<string, unknown>;
}): CustomResourceFault {
  return customResourceFault({
    kind: opts.kind,
    label: opts.label,
    backend: "chaos-mesh",
    description: opts.description,
    params: opts.params,
    resource: { backend: "Chaos Mesh", group: "chaos-mesh.org", version: "v1alpha1", plural: opts.plural, kind: opts.crKind },
    spec: (ctx, t) => ({ ...opts.spec(ctx.params, ctx), ...chaosMeshCommon(ctx.targets, t, ctx.durationSec) }),
    confirm: (_ctx, o, _undo, phase) => confirmChaosMesh(opts.crKind, o, phase),
    release: async (ctx, o, undo) => {
      // The controller keeps retrying an apply that can never succeed (no chaos-daemon), so
      // its records finalizer would hold the object forever. When no record was ever
      // injected there is nothing to recover: Chaos Mesh's own force-clean annotation (the
      // one its dashboard sets) lets it go. Anything injected is left to the controller.
      if (!neverInjected(o)) return;
      const body = { metadata: { annotations: { [CLEAN_FINALIZER]: "forced" } } };
      await k8sOrGone(`releasing ${opts.crKind} ${undo.namespace}/${undo.name} (nothing was injected)`, () =>
        customObjects(ctx.client).patchNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: opts.plural, namespace: undo.namespace, name: undo.name, body }, ctx.client.mergePatch),
      );
    },
  });
}

/** "a, b ,c" → ["a", "b", "c"]; the forms have one text field for a list. */
export function listOf(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}
