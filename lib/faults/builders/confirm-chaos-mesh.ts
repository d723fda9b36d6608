import { confirmed, failedToTakeEffect, pendingConfirmation, type Confirmation, type ConfirmPhase } from "../fault-module";
import type { CustomStatus } from "./custom-resource";

interface ChaosRecord {
  id?: string;
  phase?: string;
  injectedCount?: number;
  recoveredCount?: number;
  events?: { type?: string; operation?: string; message?: string; timestamp?: string }[];
}

const recordsOf = (o: CustomStatus): ChaosRecord[] => ((o.status?.experiment as { containerRecords?: ChaosRecord[] } | undefined)?.containerRecords ?? []);
const conditionOf = (o: CustomStatus, type: string) => ((o.status?.conditions as { type?: string; status?: string; reason?: string }[] | undefined) ?? []).find((c) => c.type === type);
const lastFailure = (records: ChaosRecord[], operation: "Apply" | "Recover") =>
  records.flatMap((r) => (r.events ?? []).filter((e) => e.type === "Failed" && e.operation === operation).map((e) => ({ id: r.id, message: e.message ?? "no message" }))).at(-1);
/** True when the controller never injected anything: every record is "Not Injected…" and none ever applied. */
export function neverInjected(o: CustomStatus): boolean {
  const records = recordsOf(o);
  return records.every((r) => (r.phase ?? "").startsWith("Not Injected") && (r.injectedCount ?? 0) === 0 && !(r.events ?? []).some((e) => e.operation === "Apply" && e.type === "Succeeded"));
}

const names = (records: ChaosRecord[]) => records.map((r) => r.id).filter(Boolean).slice(0, 3).join(", ");

/**
 * Whether a Chaos Mesh object took effect, from what its controller wrote:
 * `AllInjected=True` with every record `Injected` is in effect; a record's
 * `Failed Apply` event (the daemon missing, a container not found, …) is a
 * failure with the controller's own message. Recovered: the object is gone
 * (its `chaos-mesh/records` finalizer is released only after every record is
 * recovered), or `AllRecovered=True`.
 */
export function confirmChaosMesh(kind: string, o: CustomStatus | null, phase: ConfirmPhase): Confirmation {
  if (phase === "recovered") {
    if (!o) return confirmed(`Chaos Mesh released the ${kind}: nothing of it is left.`);
    const records = recordsOf(o);
    const failed = lastFailure(records, "Recover");
    if (failed) return failedToTakeEffect(`Chaos Mesh could not recover ${failed.id ?? "a target"}: ${failed.message}`);
    if (conditionOf(o, "AllRecovered")?.status === "True") return confirmed(`Chaos Mesh reports AllRecovered for ${records.length} record(s).`);
    return pendingConfirmation(`Chaos Mesh is recovering: ${records.filter((r) => r.phase !== "Injected").length} of ${records.length} record(s) recovered.`);
  }
  if (!o) return failedToTakeEffect(`The ${kind} is gone: something deleted it.`);
  if (!o.status || Object.keys(o.status).length === 0) return pendingConfirmation("No status from the Chaos Mesh controller yet (is it running in this cluster?).");
  const records = recordsOf(o);
  const failed = lastFailure(records, "Apply");
  const all = conditionOf(o, "AllInjected")?.status === "True";
  if (all && records.length > 0 && records.every((r) => r.phase === "Injected")) return confirmed(`Chaos Mesh injected all ${records.length} record(s) (${names(records)}).`);
  if (failed) return failedToTakeEffect(`Chaos Mesh failed to inject into ${failed.id ?? "a target"}: ${failed.message}`);
  if (conditionOf(o, "Selected")?.status === "False") return pendingConfirmation(`Chaos Mesh has selected no pods yet${conditionOf(o, "Selected")?.reason ? ` (${conditionOf(o, "Selected")?.reason})` : ""}.`);
  return pendingConfirmation(`Chaos Mesh has injected ${records.filter((r) => r.phase === "Injected").length} of ${records.length} record(s).`);
}
