import type { z } from "zod";
import type { ClusterClient } from "@/lib/k8s/client";
import type { Guardrails } from "@/lib/k8s/guardrails";
import type { Targets } from "@/lib/experiments/schemas";

/**
 * The shape of a fault kind. Each kind is ONE module under lib/faults/kinds/
 * that defines its zod parameters, its target shape and its verbs, and one
 * line in lib/faults/registry.ts, the only list of kinds. The authoring
 * catalog, the generated forms, "Test connection", the engine and the
 * conformance tests all read that registry.
 */
export const FAULT_BACKENDS = ["people", "kubernetes", "chaos-mesh", "istio", "litmus"] as const;
export type FaultBackend = (typeof FAULT_BACKENDS)[number];
export const BACKEND_LABELS: Record<FaultBackend, string> = {
  people: "People (no cluster action)",
  kubernetes: "Kubernetes API",
  "chaos-mesh": "Chaos Mesh",
  istio: "Istio",
  litmus: "LitmusChaos",
};

/** What authoring needs of a kind (catalog, forms, experiment validation, import/export). */
export interface FaultKind {
  kind: string;
  label: string;
  backend: FaultBackend;
  description: string;
  /** The parameters' zod schema: the single source of truth for forms, validation and the driver's parameter type. */
  params: z.ZodObject;
  /** Rules read out to the room before a people experiment starts. */
  rules?: string[];
}

/** A people experiment: no cluster action, run with a timer, rules and observations. */
export interface PeopleKind extends FaultKind {
  backend: "people";
  rules: string[];
}

/** What a fault step is matched against: decides how targets are resolved. */
export type TargetKind = "Pod" | "Deployment" | "Workload" | "Node" | "PodSelector" | "VirtualService";

/** An object in a cluster, as plain data. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * One target of a fault step: plain data, shown in previews and stored in the
 * ledger. It says what it really touches: a selector target carries the pods
 * it resolves to (the cap counts them), a node drain the pods it would evict.
 */
export interface FaultTarget extends ObjectRef {
  labels?: Record<string, string>;
  /** e.g. the node a pod runs on, a workload's replicas. */
  detail?: string;
  /** PodSelector targets: the selector the backend evaluates, with every protected label excluded (`key notin (value)`). */
  selector?: string;
  /** The pods behind the target: a selector's eligible pods, or the pods a node drain evicts. */
  pods?: ObjectRef[];
}

/** An object left out of a step's candidates before sampling (or kept by a node drain), and why. */
export interface ExcludedTarget extends ObjectRef {
  reason: string;
}

/** A Kubernetes authorization check (SelfSubjectAccessReview) a kind needs to pass. */
export interface PermissionCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Needed only for some targets (e.g. "StatefulSets"); "Test connection" says so instead of failing the kind. */
  only?: string;
}

/** Everything a verb gets for one step of one run, with the parameters parsed by the kind's own schema. */
export interface StepContext<P> {
  client: ClusterClient;
  params: P;
  targets: Targets;
  guardrails: Guardrails;
  runId: string;
  stepIndex: number;
  /** 0 for the first injection, then one per repeat round. */
  round: number;
  durationSec: number;
  /** Things worth telling the room that are not failures (e.g. evictions a PDB refused); shown on the timeline. */
  notes: string[];
}

/** The step context before parameters are bound (the engine's side). */
export type StepBase = Omit<StepContext<never>, "params" | "notes"> & { notes?: string[] };

/**
 * Whether anything of a fault that revert can undo is in the cluster, read
 * back from the cluster ("absent" for faults nothing can undo, like a killed
 * pod). The engine asks before it closes a ledger entry whose apply never
 * answered: a late change must be found and reverted.
 */
export type Presence = "present" | "absent" | "unknown";

/**
 * What the cluster itself says about one target's fault, read back by the
 * kind's `confirm` verb: "confirmed" (in effect, or recovered), "failed" with
 * the cluster's own reason (image pull error, exit code and last log lines, a
 * Chaos Mesh record's failure event), or "pending" (not yet: asked again
 * until the engine's confirmation window closes). `detail` is one sentence
 * for the room: how it was confirmed, why it failed, or what it waits for.
 */
export interface Confirmation {
  state: "confirmed" | "failed" | "pending";
  detail: string;
}

/** "effect": did the fault take effect? "recovered": after revert, is the target back? */
export type ConfirmPhase = "effect" | "recovered";

export const confirmed = (detail: string): Confirmation => ({ state: "confirmed", detail });
export const failedToTakeEffect = (detail: string): Confirmation => ({ state: "failed", detail });
export const pendingConfirmation = (detail: string): Confirmation => ({ state: "pending", detail });

/** Objects a kind creates labelled with their run; the sweeper deletes those of ended runs. */
export interface CreatedObjects {
  /** e.g. "NetworkPolicy", "Chaos Mesh PodChaos": also the sweeper's key, so kinds sharing a resource list it once. */
  resource: string;
  /** Every object carrying `firedrill.dev/run`, in `namespace` or in every namespace (a missing CRD lists nothing). */
  list(client: ClusterClient, namespace?: string): Promise<{ namespace: string; name: string; runId: string }[]>;
  /** Deletes one; an object already gone is done. */
  remove(client: ClusterClient, namespace: string, name: string): Promise<void>;
}

/** A cluster fault kind as its module writes it: typed by its own parameter and undo schemas. */
export interface ClusterFaultDefinition<S extends z.ZodObject, U> extends FaultKind {
  backend: Exclude<FaultBackend, "people">;
  params: S;
  targetKind: TargetKind;
  /** The API permissions apply and revert need (checked by "Test connection"). */
  permissions: PermissionCheck[];
  /** What plan records for revert, as stored in the ledger; read back through this schema. */
  undo: z.ZodType<U>;
  /** The object revert acts on, one ledger entry per run: the target itself unless the fault creates an object. */
  objectOf?: (ctx: StepContext<z.output<S>>, target: FaultTarget) => ObjectRef;
  /** What a chosen target really touches beyond itself (a node drain: the pods it evicts, and those the guardrails keep). */
  expand?: (ctx: StepContext<z.output<S>>, target: FaultTarget) => Promise<{ target: FaultTarget; excluded: ExcludedTarget[] }>;
  /** Server-side dry run of the change on one target; throws an AppError when the cluster would refuse it. */
  dryRun(ctx: StepContext<z.output<S>>, target: FaultTarget): Promise<void>;
  /** Reads what revert will need, before anything changes. Called once per object per run: at its first round. */
  plan(ctx: StepContext<z.output<S>>, target: FaultTarget): Promise<U>;
  /** Makes the change. `again`: an earlier round of this run already changed this object, `undo` is from before the first. */
  apply(ctx: StepContext<z.output<S>>, target: FaultTarget, undo: U, again: boolean): Promise<void>;
  /** Puts the object back as `undo` recorded. Idempotent: reverting twice is the same as once; an object already gone is fine. */
  revert(ctx: StepContext<z.output<S>>, target: FaultTarget, undo: U): Promise<void>;
  /** Whether anything revert can undo is in the cluster now. */
  inspect(ctx: StepContext<z.output<S>>, target: FaultTarget, undo: U): Promise<Presence>;
  /**
   * Reads back from the cluster whether the fault is in effect ("effect", asked
   * after apply until confirmed, failed or out of time, and again while the run
   * runs: a fault can fail later) or whether the target is back ("recovered",
   * after revert). `appliedAt`: when the apply answered.
   */
  confirm(ctx: StepContext<z.output<S>>, target: FaultTarget, undo: U, phase: ConfirmPhase, appliedAt: Date): Promise<Confirmation>;
  created?: CreatedObjects;
}

/** The verbs of one kind bound to one step (parameters parsed and typed inside); what the engine calls. */
export interface BoundFault {
  objectOf(target: FaultTarget): ObjectRef;
  expand(target: FaultTarget): Promise<{ target: FaultTarget; excluded: ExcludedTarget[] }>;
  dryRun(target: FaultTarget): Promise<void>;
  /** The undo record, JSON for the ledger. */
  plan(target: FaultTarget): Promise<unknown>;
  apply(target: FaultTarget, undo: unknown, again: boolean): Promise<void>;
  revert(target: FaultTarget, undo: unknown): Promise<void>;
  inspect(target: FaultTarget, undo: unknown): Promise<Presence>;
  confirm(target: FaultTarget, undo: unknown, phase: ConfirmPhase, appliedAt: Date): Promise<Confirmation>;
  notes: string[];
}

/** A cluster fault kind as the registry holds it. */
export interface ClusterFault extends FaultKind {
  backend: Exclude<FaultBackend, "people">;
  targetKind: TargetKind;
  permissions: PermissionCheck[];
  created?: CreatedObjects;
  /** Binds the verbs to one step: `params` goes through the kind's schema (throws on bad stored params). */
  bind(params: unknown, base: StepBase): BoundFault;
}

/** `Kind/namespace/name`: how locks and the ledger name an object. */
export function objectKey(o: ObjectRef): string {
  return `${o.kind}/${o.namespace ?? ""}/${o.name}`;
}

/** "Deployment demo/catalog" from "Deployment/demo/catalog" (a key from objectKey). */
export function describeObjectKey(key: string): string {
  const [kind, namespace, ...name] = key.split("/");
  return describeObject({ kind, namespace: namespace || undefined, name: name.join("/") });
}

/** "Pod demo/checkout-1", for messages. */
export function describeObject(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}

/**
 * Defines a cluster fault kind. The definition is typed by its own schemas
 * (the verbs see `z.output` of the parameters, never a hand-written copy); the
 * result is what the registry and the engine handle.
 */
export function defineClusterFault<S extends z.ZodObject, U>(def: ClusterFaultDefinition<S, U>): ClusterFault {
  const { plan, apply, revert, inspect, confirm, dryRun, objectOf, expand, undo: undoSchema, ...meta } = def;
  return {
    ...meta,
    bind(params, base) {
      const ctx: StepContext<z.output<S>> = { ...base, notes: base.notes ?? [], params: def.params.parse(params) };
      return {
        notes: ctx.notes,
        objectOf: (t) => (objectOf ? objectOf(ctx, t) : { kind: t.kind, namespace: t.namespace, name: t.name }),
        expand: (t) => (expand ? expand(ctx, t) : Promise.resolve({ target: t, excluded: [] })),
        dryRun: (t) => dryRun(ctx, t),
        plan: (t) => plan(ctx, t),
        apply: (t, u, again) => apply(ctx, t, undoSchema.parse(u), again),
        revert: (t, u) => revert(ctx, t, undoSchema.parse(u)),
        inspect: (t, u) => inspect(ctx, t, undoSchema.parse(u)),
        confirm: (t, u, phase, at) => confirm(ctx, t, undoSchema.parse(u), phase, at),
      };
    },
  };
}

/** Defines a people kind (no cluster action). */
export function definePeopleFault(def: Omit<PeopleKind, "backend">): PeopleKind {
  return { ...def, backend: "people" };
}
