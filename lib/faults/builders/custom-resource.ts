import "server-only";
import { z } from "zod";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import type { ClusterClient } from "@/lib/k8s/client";
import { defineClusterFault, type ClusterFault, type Confirmation, type ConfirmPhase, type FaultBackend, type FaultTarget, type PermissionCheck, type StepBase, type StepContext } from "../fault-module";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";

/** Where a custom resource lives in the API. */
export interface CrResource {
  /** The product that installs the CRD, for messages ("Chaos Mesh"). */
  backend: string;
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/** A custom resource as Firedrill writes it. */
export interface CustomObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: Record<string, unknown>;
}

/** A kind whose fault is one custom resource: apply creates it, revert deletes it. */
export interface CustomResourceFault extends ClusterFault {
  resource: CrResource;
  /** The object apply would create (no cluster call), for the CRD conformance tests. */
  manifest(params: unknown, base: StepBase, target: FaultTarget): CustomObject;
}

/** True for kinds built here (the conformance tests check each against its CRD). */
export function isCustomResourceFault(k: ClusterFault): k is CustomResourceFault {
  return "manifest" in k && "resource" in k;
}

const apis = new WeakMap<ClusterClient, CustomObjectsApi>();

/** The generic custom-object API of a cluster (it can send JSON patches and ask for strict field validation). */
export function customObjects(client: ClusterClient): CustomObjectsApi {
  let api = apis.get(client);
  if (!api) apis.set(client, (api = client.kc.makeApiClient(CustomObjectsApi)));
  return api;
}

/**
 * Unknown fields are refused, not silently pruned: if the installed CRD
 * version lacks a field Firedrill writes, the dry run in preflight says so
 * instead of a different fault running.
 */
export const STRICT = "Strict";

/** Deterministic per run and step, so a retried or recovered revert finds the object; repeat rounds keep it. */
export function crName(kind: string, runId: string, stepIndex: number): string {
  return `firedrill-${kind}-${runId.slice(-10).toLowerCase()}-${stepIndex}`;
}

/** The labels of every object Firedrill creates: the sweeper finds objects of ended runs by them. */
export function firedrillLabels(runId: string): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "firedrill", "firedrill.dev/run": runId };
}

const undoSchema = z.object({ apiVersion: z.string(), kind: z.string(), namespace: z.string(), name: z.string() });
/** How long revert waits for a deleted object's finalizers to let go. */
const RELEASE_WAIT_MS = 10_000;

/** Where a custom-resource fault's object is: its ledger record. */
export type CrUndo = z.infer<typeof undoSchema>;

/** A custom resource as read back: what its controller wrote in `status`. */
export interface CustomStatus {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string; finalizers?: string[] };
  status?: Record<string, unknown>;
}

/**
 * Builds a kind whose fault is one custom resource that selects its own pods
 * (Chaos Mesh, LitmusChaos). The target is a PodSelector carrying the pods it
 * resolves to; the ledger holds one entry per run and step: the object.
 */
export function customResourceFault<S extends z.ZodObject>(opts: {
  kind: string;
  label: string;
  backend: Exclude<FaultBackend, "people">;
  description: string;
  params: S;
  resource: CrResource;
  spec: (ctx: StepContext<z.output<S>>, target: FaultTarget) => Record<string, unknown>;
  /** Extra preflight checks before the dry-run create (e.g. that a referenced object exists). */
  check?: (ctx: StepContext<z.output<S>>, target: FaultTarget) => Promise<void>;
  /** What `check` needs beyond creating, reading and deleting the object. */
  extraPermissions?: PermissionCheck[];
  /**
   * After revert deleted the object and it is still held (a finalizer) when the wait ends:
   * what the backend allows to let it go when nothing of the fault is in effect.
   */
  release?: (ctx: StepContext<z.output<S>>, object: CustomStatus, undo: CrUndo) => Promise<void>;
  /** What the backend's controller reports about the object (`null`: it is gone), read by the engine after apply and after revert. */
  confirm: (ctx: StepContext<z.output<S>>, object: CustomStatus | null, undo: CrUndo, phase: ConfirmPhase) => Promise<Confirmation> | Confirmation;
}): CustomResourceFault {
  const r = opts.resource;
  const where = (namespace: string) => ({ group: r.group, version: r.version, plural: r.plural, namespace });
  const manifest = (ctx: StepContext<z.output<S>>, t: FaultTarget): CustomObject => ({
    apiVersion: `${r.group}/${r.version}`,
    kind: r.kind,
    metadata: { name: crName(opts.kind, ctx.runId, ctx.stepIndex), namespace: t.namespace!, labels: firedrillLabels(ctx.runId) },
    spec: opts.spec(ctx, t),
  });
  const create = async (ctx: StepContext<z.output<S>>, t: FaultTarget, dryRun?: string) => {
    const body = manifest(ctx, t);
    const doing = `creating ${r.backend} ${r.kind} ${t.namespace}/${body.metadata.name}${dryRun ? " (dry run)" : ""}`;
    try {
      await k8s(doing, () => customObjects(ctx.client).createNamespacedCustomObject({ ...where(t.namespace!), body, dryRun, fieldValidation: STRICT }));
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") {
        throw new AppError({ code: "NOT_FOUND", message: `${r.backend} is not installed in this cluster (no ${r.kind} in ${r.group}/${r.version}), or the namespace ${t.namespace} does not exist.`, cause: error });
      }
      throw error;
    }
  };
  const read = (ctx: StepContext<z.output<S>>, undo: z.infer<typeof undoSchema>) =>
    k8sOrGone(`reading ${r.kind} ${undo.namespace}/${undo.name}`, () => customObjects(ctx.client).getNamespacedCustomObject({ ...where(undo.namespace), name: undo.name }) as Promise<CustomStatus>);

  const fault = defineClusterFault({
    kind: opts.kind,
    label: opts.label,
    backend: opts.backend,
    description: opts.description,
    params: opts.params,
    targetKind: "PodSelector",
    undo: undoSchema,
    permissions: [
      { verb: "create", group: r.group, resource: r.plural },
      { verb: "get", group: r.group, resource: r.plural },
      { verb: "delete", group: r.group, resource: r.plural },
      ...(opts.extraPermissions ?? []),
    ],
    objectOf: (ctx, t) => ({ kind: r.kind, namespace: t.namespace, name: crName(opts.kind, ctx.runId, ctx.stepIndex) }),
    async dryRun(ctx, t) {
      await opts.check?.(ctx, t);
      await create(ctx, t, DRY_RUN);
    },
    async plan(ctx, t) {
      return { apiVersion: `${r.group}/${r.version}`, kind: r.kind, namespace: t.namespace!, name: crName(opts.kind, ctx.runId, ctx.stepIndex) };
    },
    async apply(ctx, t, undo) {
      try {
        await create(ctx, t);
      } catch (error) {
        // A repeat round of the same step: the object of this run is still there and still in effect.
        const existing = error instanceof AppError && error.code === "CONFLICT" ? await read(ctx, undo) : null;
        if (existing?.metadata?.labels?.["firedrill.dev/run"] !== ctx.runId) throw error;
        ctx.notes.push(`${r.kind} ${t.namespace}/${undo.name} is still in effect from an earlier round`);
      }
    },
    async revert(ctx, _t, undo) {
      // 404: already deleted (by a previous revert, the sweeper or by hand) — done.
      await k8sOrGone(`deleting ${r.kind} ${undo.namespace}/${undo.name}`, () => customObjects(ctx.client).deleteNamespacedCustomObject({ ...where(undo.namespace), name: undo.name }));
      // A controller's finalizer (Chaos Mesh's chaos-mesh/records) keeps the object until it has
      // undone the fault: wait a little for that, so Stop usually ends with the object gone. The
      // engine's recovery check (confirm-faults.ts) watches the rest.
      let held = await read(ctx, undo);
      for (let waited = 0; waited < RELEASE_WAIT_MS && held; waited += 250) {
        await new Promise((r) => setTimeout(r, 250));
        held = await read(ctx, undo);
      }
      if (held && opts.release) await opts.release(ctx, held, undo);
    },
    async inspect(ctx, _t, undo) {
      return (await read(ctx, undo)) ? "present" : "absent";
    },
    async confirm(ctx, _t, undo, phase) {
      return opts.confirm(ctx, await read(ctx, undo), undo, phase);
    },
    created: {
      resource: `${r.backend} ${r.kind}`,
      async list(client, namespace) {
        const labelSelector = "firedrill.dev/run";
        try {
          const all = (await k8s(`listing ${r.kind} objects`, () =>
            namespace
              ? customObjects(client).listNamespacedCustomObject({ group: r.group, version: r.version, plural: r.plural, namespace, labelSelector })
              : customObjects(client).listClusterCustomObject({ group: r.group, version: r.version, plural: r.plural, labelSelector }),
          )) as { items: { metadata: { namespace: string; name: string; labels: Record<string, string> } }[] };
          return all.items.map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name, runId: o.metadata.labels["firedrill.dev/run"] }));
        } catch (error) {
          if (error instanceof AppError && error.code === "NOT_FOUND") return []; // the CRD is not installed
          throw error;
        }
      },
      async remove(client, namespace, name) {
        await k8sOrGone(`deleting ${r.kind} ${namespace}/${name}`, () => customObjects(client).deleteNamespacedCustomObject({ ...where(namespace), name }));
      },
    },
  });
  return {
    ...fault,
    resource: r,
    manifest: (params, base, t) => manifest({ ...base, notes: [], params: opts.params.parse(params) }, t),
  };
}
