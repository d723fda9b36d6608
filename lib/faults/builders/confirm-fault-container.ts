import "server-only";
import type { V1Pod } from "@kubernetes/client-node";
import type { ClusterClient } from "@/lib/k8s/client";
import { confirmed, failedToTakeEffect, pendingConfirmation, type Confirmation, type ConfirmPhase, type FaultTarget } from "../fault-module";

/** Waiting reasons after which the kubelet will not start the container without a change (image, spec). */
const STUCK = new Set(["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CreateContainerError", "CreateContainerConfigError", "RunContainerError", "StartError", "CrashLoopBackOff"]);

/** A fault container must run this long before it counts as in effect: a command that fails at once (tc on a kernel without netem) exits within it. */
export const RUNNING_FOR_MS = 5000;

/** The last lines the container wrote, for the room: "" when the kubelet has none. */
async function lastLines(client: ClusterClient, t: FaultTarget, container: string): Promise<string> {
  try {
    const log = await client.core.readNamespacedPodLog({ name: t.name, namespace: t.namespace!, container, tailLines: 5, limitBytes: 2000 });
    return String(log ?? "").trim().split("\n").slice(-5).join(" ⏎ ");
  } catch {
    return "";
  }
}

/**
 * Whether an ephemeral fault container took effect, from the pod's own
 * status: running (for RUNNING_FOR_MS) or exited 0 is in effect; a waiting
 * reason the kubelet will not get past, or a non-zero exit, is a failure with
 * the runtime's message, the exit code and the container's last log lines.
 * Recovered: the container ended (the fault reverts itself) or the pod was
 * replaced.
 */
export async function confirmFaultContainer(o: { client: ClusterClient; pod: V1Pod | null; uid: string | null; container: string; phase: ConfirmPhase; target: FaultTarget; now?: number }): Promise<Confirmation> {
  const { pod, container, phase } = o;
  const replaced = !pod || pod.metadata?.uid !== o.uid;
  if (phase === "recovered") {
    if (replaced) return confirmed("The pod was replaced without the fault container.");
    const s = pod.status?.ephemeralContainerStatuses?.find((c) => c.name === container);
    if (!s || s.state?.terminated || s.state?.waiting) return confirmed(s?.state?.terminated ? `The fault container ended (exit code ${s.state.terminated.exitCode}).` : "The fault container is not running.");
    return pendingConfirmation("The fault container is still running.");
  }
  if (replaced) return failedToTakeEffect("The pod was replaced before the fault container ran.");
  const s = pod.status?.ephemeralContainerStatuses?.find((c) => c.name === container);
  if (!s) return pendingConfirmation(`Waiting for the kubelet to start ${container}.`);
  const { waiting, running, terminated } = s.state ?? {};
  if (terminated) {
    if (terminated.exitCode === 0) return confirmed(`The fault container ran and exited 0 (${terminated.reason ?? "Completed"}).`);
    const lines = await lastLines(o.client, o.target, container);
    const why = [terminated.reason, terminated.message].filter(Boolean).join(": ");
    return failedToTakeEffect(`The fault container exited with code ${terminated.exitCode}${why ? ` (${why})` : ""}.${lines ? ` Last lines: ${lines}` : ""}`);
  }
  if (waiting) {
    if (waiting.reason && STUCK.has(waiting.reason)) return failedToTakeEffect(`The fault container cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""}.`);
    return pendingConfirmation(`The fault container is waiting${waiting.reason ? ` (${waiting.reason})` : ""}.`);
  }
  if (running) {
    const since = running.startedAt ? new Date(running.startedAt).getTime() : NaN;
    if (Number.isFinite(since) && (o.now ?? Date.now()) - since >= RUNNING_FOR_MS) return confirmed(`The fault container has been running since ${new Date(since).toISOString()}.`);
    return pendingConfirmation("The fault container just started.");
  }
  return pendingConfirmation("The kubelet reports no state for the fault container yet.");
}
