/**
 * The one interface every cluster fault driver implements (one file per kind
 * under lib/faults/drivers/). Drivers arrive with the cluster-connections
 * issue; the run engine only ever talks to this interface.
 */
export interface FaultTarget {
  kind: string;
  namespace?: string;
  name: string;
}

export interface FaultContext<P> {
  params: P;
  targets: FaultTarget[];
  durationSec: number;
}

/** What apply recorded so that revert can undo it (stored in the ledger before the change). */
export type UndoRecord = Record<string, unknown>;

export interface FaultDriver<P = Record<string, unknown>> {
  kind: string;
  /** Exactly what would be touched (selectors resolved, server-side dry run where possible). */
  preview(ctx: FaultContext<P>): Promise<FaultTarget[]>;
  /** Makes the change; returns the undo record written to the ledger first. */
  apply(ctx: FaultContext<P>): Promise<UndoRecord>;
  /** Idempotent: reverting twice is the same as once. */
  revert(undo: UndoRecord): Promise<void>;
  status(undo: UndoRecord): Promise<"applied" | "reverted" | "unknown">;
}
