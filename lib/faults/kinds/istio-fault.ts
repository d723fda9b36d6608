import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { confirmed, defineClusterFault, failedToTakeEffect, pendingConfirmation, type FaultTarget, type StepContext } from "../fault-module";
import { customObjects, STRICT } from "../builders/custom-resource";
import { k8s, k8sOrGone, DRY_RUN } from "../cluster-call";
import { milliseconds, percent } from "../param-fields";

/** The parameters of an Istio fault (exported for the CRD conformance test). */
export const istioFaultParams = z.object({
  type: z.enum(["delay", "abort"]).default("abort").meta({ title: "Fault" }),
  percentage: percent("Requests affected (%)", 50),
  // Istio's CRD refuses a fixedDelay under 1ms.
  delayMs: milliseconds("Delay (ms)", 1000, 1),
  httpStatus: z.coerce.number().int().min(400, "Abort status must be 4xx or 5xx.").max(599, "Abort status must be 4xx or 5xx.").default(503).meta({ title: "Abort HTTP status" }),
});
type Params = z.output<typeof istioFaultParams>;
type Ctx = StepContext<Params>;

type Route = Record<string, unknown>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
interface VirtualService {
  metadata?: { uid?: string };
  spec?: { http?: Route[] };
}
type PatchOp = { op: "test" | "add" | "replace"; path: string; value: unknown };

const VS = { group: "networking.istio.io", version: "v1", plural: "virtualservices" };
const undoSchema = z.object({ uid: z.string(), http: z.array(z.record(z.string(), z.unknown())) });
type Original = z.infer<typeof undoSchema>;

/** The `fault` block Istio applies to a route: a fixed delay or an abort, for a percentage of requests. */
export function istioFault(p: Params): Record<string, unknown> {
  const percentage = { value: p.percentage };
  return p.type === "delay" ? { delay: { fixedDelay: `${p.delayMs}ms`, percentage } } : { abort: { httpStatus: p.httpStatus, percentage } };
}

/** Every HTTP route with the fault added; a fault of the other type already on a route is kept. */
export function faultedRoutes(routes: Route[], p: Params): Route[] {
  return routes.map((r) => ({ ...r, fault: { ...(isRecord(r.fault) ? r.fault : {}), ...istioFault(p) } }));
}

const name = (t: FaultTarget) => `VirtualService ${t.namespace}/${t.name}`;

function read(ctx: Ctx, t: FaultTarget) {
  return k8sOrGone(`reading ${name(t)}`, () => customObjects(ctx.client).getNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name }) as Promise<VirtualService>);
}

async function readRoutes(ctx: Ctx, t: FaultTarget): Promise<Original> {
  const vs = await read(ctx, t);
  if (!vs) throw new AppError({ code: "NOT_FOUND", message: `${name(t)} does not exist (any more).` });
  if (!vs.spec?.http?.length) throw new AppError({ code: "BAD_INPUT", message: `${name(t)} has no HTTP routes: Istio injects faults into HTTP routes only.` });
  return { uid: vs.metadata!.uid!, http: vs.spec.http };
}

function patch(ctx: Ctx, t: FaultTarget, ops: PatchOp[], doing: string, dryRun?: string) {
  return k8s(doing, () => customObjects(ctx.client).patchNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name, body: ops, dryRun, fieldValidation: STRICT }, ctx.client.jsonPatch));
}

/**
 * The change as a JSON patch that only applies to the exact routes recorded
 * in the ledger: if anyone changed the VirtualService after plan, the `test`
 * operations fail and nothing is written.
 */
const injectOps = (original: Original, p: Params): PatchOp[] => [
  { op: "test", path: "/metadata/uid", value: original.uid },
  { op: "test", path: "/spec/http", value: original.http },
  { op: "replace", path: "/spec/http", value: faultedRoutes(original.http, p) },
];

/**
 * Istio fault injection: patches every HTTP route of an existing
 * VirtualService with a delay or abort for a percentage of requests. The undo
 * record holds the routes from before the first round verbatim; revert writes
 * them back, so the VirtualService ends exactly as it was.
 */
export const istioFaultKind = defineClusterFault({
  kind: "istio-fault",
  label: "Istio fault injection",
  backend: "istio",
  description: "VirtualService HTTP delay or abort for a percentage of requests; the original routes are restored exactly.",
  params: istioFaultParams,
  targetKind: "VirtualService",
  permissions: [
    { verb: "get", group: VS.group, resource: VS.plural },
    { verb: "patch", group: VS.group, resource: VS.plural },
  ],
  undo: undoSchema,
  async dryRun(ctx, t) {
    const original = await readRoutes(ctx, t);
    await patch(ctx, t, injectOps(original, ctx.params), `injecting a fault into ${name(t)} (dry run)`, DRY_RUN);
  },
  async plan(ctx, t) {
    return readRoutes(ctx, t);
  },
  async apply(ctx, t, undo, again) {
    if (again) {
      // A repeat round: the fault of an earlier round is on the routes, or they are back to the original.
      const vs = await read(ctx, t);
      if (vs?.metadata?.uid === undo.uid && isDeepStrictEqual(vs.spec?.http, faultedRoutes(undo.http, ctx.params))) {
        ctx.notes.push(`The fault on ${name(t)} is still in effect from an earlier round`);
        return;
      }
    }
    await patch(ctx, t, injectOps(undo, ctx.params), `injecting a fault into ${name(t)}`);
  },
  async revert(ctx, t, undo) {
    const vs = await read(ctx, t);
    // Gone, or deleted and created anew by someone else: the object we changed no longer exists.
    if (!vs || vs.metadata?.uid !== undo.uid) return;
    if (isDeepStrictEqual(vs.spec?.http, undo.http)) return; // already restored
    // Routes edited during the run are overwritten too: a fault must never outlive its run.
    const ops: PatchOp[] = [
      { op: "test", path: "/metadata/uid", value: undo.uid },
      { op: "add", path: "/spec/http", value: undo.http },
    ];
    await k8sOrGone(`restoring the HTTP routes of ${name(t)}`, () => customObjects(ctx.client).patchNamespacedCustomObject({ ...VS, namespace: t.namespace!, name: t.name, body: ops }, ctx.client.jsonPatch));
  },
  async inspect(ctx, t, undo) {
    const vs = await read(ctx, t);
    if (!vs || vs.metadata?.uid !== undo.uid || isDeepStrictEqual(vs.spec?.http, undo.http)) return "absent";
    return isDeepStrictEqual(vs.spec?.http, faultedRoutes(undo.http, ctx.params)) ? "present" : "unknown";
  },
  async confirm(ctx, t, undo, phase) {
    const vs = await read(ctx, t);
    const same = vs !== null && vs.metadata?.uid === undo.uid;
    if (phase === "recovered") {
      if (!same || isDeepStrictEqual(vs.spec?.http, undo.http)) return confirmed(same ? `${name(t)} holds its original routes again.` : `${name(t)} was deleted or replaced; nothing of the fault is left.`);
      return pendingConfirmation(`${name(t)} does not hold its original routes yet.`);
    }
    if (!same) return failedToTakeEffect(`${name(t)} was deleted or replaced: the fault is not on it.`);
    // The API shows the routes Istio's control plane pushes to the proxies; the proxies themselves are Istio's side.
    if (isDeepStrictEqual(vs.spec?.http, faultedRoutes(undo.http, ctx.params))) return confirmed(`${name(t)} holds the fault block on all ${undo.http.length} HTTP route(s).`);
    return failedToTakeEffect(`${name(t)} no longer holds the fault block: its routes were changed during the run.`);
  },
});
