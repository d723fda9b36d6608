import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { DriverContext, FaultDriver, FaultTarget } from "../driver";
import { customObjects, STRICT } from "./custom-resource";
import { k8s, k8sOrGone, DRY_RUN } from "./k8s-call";

interface Params {
  type: "delay" | "abort";
  percentage: number;
  delayMs: number;
  httpStatus: number;
}

type Route = Record<string, unknown> & { fault?: Record<string, unknown> };
interface VirtualService {
  metadata?: { uid?: string };
  spec?: { http?: Route[] };
}
type PatchOp = { op: "test" | "add" | "replace"; path: string; value: unknown };

const VS = { group: "networking.istio.io", version: "v1", plural: "virtualservices" };
const undoSchema = z.object({ uid: z.string(), http: z.array(z.record(z.string(), z.unknown())) });

/** The `fault` block Istio applies to a route: a fixed delay or an abort, for a percentage of requests. */
export function istioFault(p: Params): Record<string, unknown> {
  const percentage = { value: p.percentage };
  return p.type === "delay" ? { delay: { fixedDelay: `${p.delayMs}ms`, percentage } } : { abort: { httpStatus: p.httpStatus, percentage } };
}

/** Every HTTP route with the fault added; a fault of the other type already on a route is kept. */
export function faultedRoutes(routes: Route[], p: Params): Route[] {
  return routes.map((r) => ({ ...r, fault: { ...(r.fault ?? {}), ...istioFault(p) } }));
}

const name = (t: FaultTarget) => `VirtualService ${t.namespace}/${t.name}`;

function read(ctx: DriverContext<Params>, t: FaultTarget) {
  return k8sOrGone(`reading ${name(t)}`, () => customObjects(ctx.client).getNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name }) as Promise<VirtualService>);
}

async function readRoutes(ctx: DriverContext<Params>, t: FaultTarget): Promise<{ uid: string; http: Route[] }> {
  const vs = await read(ctx, t);
  if (!vs) throw new AppError({ code: "NOT_FOUND", message: `${name(t)} does not exist (any more).` });
  if (!vs.spec?.http?.length) throw new AppError({ code: "BAD_INPUT", message: `${name(t)} has no HTTP routes: Istio injects faults into HTTP routes only.` });
  return { uid: vs.metadata!.uid!, http: vs.spec.http };
}

function patch(ctx: DriverContext<Params>, t: FaultTarget, ops: PatchOp[], doing: string, dryRun?: string) {
  return k8s(doing, () => customObjects(ctx.client).patchNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name, body: ops, dryRun, fieldValidation: STRICT }, ctx.client.jsonPatch));
}

/**
 * The change as a JSON patch that only applies to the exact routes recorded
 * in the ledger: if anyone changed the VirtualService after plan, the `test`
 * operations fail and nothing is written.
 */
const injectOps = (original: { uid: string; http: Route[] }, p: Params): PatchOp[] => [
  { op: "test", path: "/metadata/uid", value: original.uid },
  { op: "test", path: "/spec/http", value: original.http },
  { op: "replace", path: "/spec/http", value: faultedRoutes(original.http, p) },
];

/**
 * Istio fault injection: patches every HTTP route of an existing
 * VirtualService with a delay or abort for a percentage of requests. The undo
 * record holds the original routes verbatim; revert writes them back, so the
 * VirtualService ends exactly as it was.
 */
export const istioFaultDriver: FaultDriver<Params> = {
  kind: "istio-fault",
  targetKind: "VirtualService",
  permissions: [
    { verb: "get", group: VS.group, resource: VS.plural },
    { verb: "patch", group: VS.group, resource: VS.plural },
  ],
  async dryRun(ctx, t) {
    const original = await readRoutes(ctx, t);
    await patch(ctx, t, injectOps(original, ctx.params), `injecting a fault into ${name(t)} (dry run)`, DRY_RUN);
  },
  async plan(ctx, t) {
    return readRoutes(ctx, t);
  },
  async apply(ctx, t, undo) {
    await patch(ctx, t, injectOps(undoSchema.parse(undo), ctx.params), `injecting a fault into ${name(t)}`);
  },
  async revert(ctx, t, undo) {
    const original = undoSchema.parse(undo);
    const vs = await read(ctx, t);
    // Gone, or deleted and created anew by someone else: the object we changed no longer exists.
    if (!vs || vs.metadata?.uid !== original.uid) return;
    if (isDeepStrictEqual(vs.spec?.http, original.http)) return; // already restored
    // Routes edited during the run are overwritten too: a fault must never outlive its run.
    const ops: PatchOp[] = [
      { op: "test", path: "/metadata/uid", value: original.uid },
      { op: "add", path: "/spec/http", value: original.http },
    ];
    await k8sOrGone(`restoring the HTTP routes of ${name(t)}`, () => customObjects(ctx.client).patchNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name, body: ops }, ctx.client.jsonPatch));
  },
  async status(ctx, t, undo) {
    const original = undoSchema.parse(undo);
    const vs = await read(ctx, t);
    if (!vs || vs.metadata?.uid !== original.uid || isDeepStrictEqual(vs.spec?.http, original.http)) return "reverted";
    return isDeepStrictEqual(vs.spec?.http, faultedRoutes(original.http, ctx.params)) ? "applied" : "unknown";
  },
};
