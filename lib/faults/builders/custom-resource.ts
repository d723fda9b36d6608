import "server-only";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import type { ClusterClient } from "@/lib/k8s/client";
import type { DriverContext, FaultDriver, FaultTarget, PermissionCheck, TargetKind } from "../driver";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

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

/** A driver whose fault is one custom resource: apply creates it, revert deletes it. */
export interface CustomResourceDriver<P> extends FaultDriver<P> {
  resource: CrResource;
  /** The object apply creates (no cluster call), for previews and the CRD conformance tests. */
  manifest(ctx: DriverContext<P>, target: FaultTarget): CustomObject;
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

/** Deterministic per run and step, so a retried or recovered revert finds the object. */
export function crName(kind: string, runId: string, stepIndex: number): string {
  return `firedrill-${kind}-${runId.slice(-10).toLowerCase()}-${stepIndex}`;
}

export function firedrillLabels(runId: string): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "firedrill", "firedrill.dev/run": runId };
}

const undoOf = (undo: Record<string, unknown>) => ({ name: String(undo.name), namespace: String(undo.namespace) });

/**
 * Builds a driver whose fault is one custom resource that selects its own
 * targets (Chaos Mesh, LitmusChaos). The ledger holds one entry: the object.
 */
export function customResourceDriver<P>(opts: {
  kind: string;
  targetKind: TargetKind;
  resource: CrResource;
  spec: (ctx: DriverContext<P>, target: FaultTarget) => Record<string, unknown>;
  /** Extra preflight checks before the dry-run create (e.g. that a referenced object exists). */
  check?: (ctx: DriverContext<P>, target: FaultTarget) => Promise<void>;
  /** What `check` needs beyond creating, reading and deleting the object. */
  extraPermissions?: PermissionCheck[];
}): CustomResourceDriver<P> {
  const r = opts.resource;
  const where = (namespace: string) => ({ group: r.group, version: r.version, plural: r.plural, namespace });
  const manifest = (ctx: DriverContext<P>, t: FaultTarget): CustomObject => ({
    apiVersion: `${r.group}/${r.version}`,
    kind: r.kind,
    metadata: { name: crName(opts.kind, ctx.runId, ctx.stepIndex), namespace: t.namespace!, labels: firedrillLabels(ctx.runId) },
    spec: opts.spec(ctx, t),
  });
  const create = async (ctx: DriverContext<P>, t: FaultTarget, dryRun?: string) => {
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
  const read = (ctx: DriverContext<P>, undo: Record<string, unknown>) => {
    const { name, namespace } = undoOf(undo);
    return k8sOrGone(`reading ${r.kind} ${namespace}/${name}`, () => customObjects(ctx.client).getNamespacedCustomObject({ ...where(namespace), name }) as Promise<{ metadata?: { labels?: Record<string, string> } }>);
  };
  return {
    kind: opts.kind,
    targetKind: opts.targetKind,
    resource: r,
    manifest,
    permissions: [
      { verb: "create", group: r.group, resource: r.plural },
      { verb: "get", group: r.group, resource: r.plural },
      { verb: "delete", group: r.group, resource: r.plural },
      ...(opts.extraPermissions ?? []),
    ],
    async dryRun(ctx, t) {
      await opts.check?.(ctx, t);
      await create(ctx, t, DRY_RUN);
    },
    async plan(ctx, t) {
      return { apiVersion: `${r.group}/${r.version}`, kind: r.kind, namespace: t.namespace, name: crName(opts.kind, ctx.runId, ctx.stepIndex) };
    },
    async apply(ctx, t, undo) {
      try {
        await create(ctx, t);
      } catch (error) {
        // A repeat round of the same step: the object of this run is still there and still in effect.
        const existing = error instanceof AppError && error.code === "CONFLICT" ? await read(ctx, undo) : null;
        if (existing?.metadata?.labels?.["firedrill.dev/run"] !== ctx.runId) throw error;
        ctx.notes?.push(`${r.kind} ${t.namespace}/${String(undo.name)} is still in effect from an earlier round`);
      }
    },
    async revert(ctx, _t, undo) {
      const { name, namespace } = undoOf(undo);
      // 404: already deleted (by a previous revert or by hand) — done.
      await k8sOrGone(`deleting ${r.kind} ${namespace}/${name}`, () => customObjects(ctx.client).deleteNamespacedCustomObject({ ...where(namespace), name }));
    },
    async status(ctx, _t, undo) {
      return (await read(ctx, undo)) ? "applied" : "reverted";
    },
  };
}
