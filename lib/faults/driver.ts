import type { ClusterClient } from "@/lib/k8s/client";
import type { Targets } from "@/lib/experiments/schemas";

/** What kind of object a driver's targets are; decides how targets are matched. */
export type TargetKind = "Pod" | "Deployment" | "Workload" | "Node" | "PodSelector" | "VirtualService" | "Namespace";

/** One object a fault step touches. Plain data: shown in previews, stored in the ledger. */
export interface FaultTarget {
  kind: string;
  namespace?: string;
  name: string;
  labels?: Record<string, string>;
  /** e.g. the node a pod runs on, or the pods a selector matches. */
  detail?: string;
}

/** Everything a driver call gets. */
export interface DriverContext<P> {
  client: ClusterClient;
  params: P;
  targets: Targets;
  runId: string;
  stepIndex: number;
  durationSec: number;
  /** Things worth telling the room that are not failures (e.g. evictions a PDB refused); shown on the timeline. */
  notes?: string[];
}

/** What apply recorded so that revert can undo it; written to the ledger BEFORE the change. */
export type UndoRecord = Record<string, unknown>;

/** A Kubernetes authorization check (SelfSubjectAccessReview) a driver needs to pass. */
export interface PermissionCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

/**
 * The one interface every cluster fault driver implements, one file per kind
 * under lib/faults/drivers/, registered in lib/faults/registry.ts.
 */
export interface FaultDriver<P = Record<string, unknown>> {
  kind: string;
  targetKind: TargetKind;
  /** The API permissions apply and revert need (checked by "Test connection" and preflight). */
  permissions: PermissionCheck[];
  /** Server-side dry run of the change on one target; throws an AppError when the cluster would refuse it. */
  dryRun(ctx: DriverContext<P>, target: FaultTarget): Promise<void>;
  /** Reads what revert will need, before anything changes. */
  plan(ctx: DriverContext<P>, target: FaultTarget): Promise<UndoRecord>;
  /** Makes the change. */
  apply(ctx: DriverContext<P>, target: FaultTarget, undo: UndoRecord): Promise<void>;
  /** Puts the target back. Idempotent: reverting twice is the same as once; a target already gone is fine. */
  revert(ctx: DriverContext<P>, target: FaultTarget, undo: UndoRecord): Promise<void>;
  /** Whether the fault is still in effect on the target. */
  status(ctx: DriverContext<P>, target: FaultTarget, undo: UndoRecord): Promise<"applied" | "reverted" | "unknown">;
}
