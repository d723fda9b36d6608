import "server-only";
import type { HttpProbeSpec } from "@/lib/experiments/schemas";
import { sendOutbound } from "@/lib/outbound/guarded-request";
import { outboundErrorOf } from "@/lib/outbound/outbound-error";
import { probeHostPolicy, probeUrlRefusal } from "./probe-hosts";

/** An answer is read up to this size; a probe checks status and latency, not content. */
const MAX_BODY_BYTES = 256 * 1024;

/** What one request of an HTTP probe found. */
export type HttpProbeResult =
  | { refused: false; at: number; ok: boolean; status: number | null; latencyMs: number | null; error: string | null }
  /** The request was not made: the cluster does not allow the host (not a failure of the system under test). */
  | { refused: true; error: string };

/**
 * Makes one request of an HTTP probe under the cluster's allowed hosts
 * (guardrails.probeHosts, checked again on the address connected to): a
 * success when the answer has the expected status within the latency
 * threshold. Past the threshold (plus a second of grace) the request is
 * abandoned and counted as a failure, so a hung service cannot hold the
 * probe longer than its own verdict needs. Never throws.
 */
export async function sendHttpProbe(spec: HttpProbeSpec, probeHosts: string[], resolve?: Parameters<typeof sendOutbound>[1]["resolve"]): Promise<HttpProbeResult> {
  const refusal = probeUrlRefusal(spec.url, probeHosts);
  if (refusal) return { refused: true, error: refusal };
  const started = performance.now();
  try {
    const res = await sendOutbound(spec.url, {
      purpose: "probes",
      method: spec.method,
      headers: { "user-agent": "Firedrill HTTP probe", accept: "*/*" },
      timeoutMs: Math.min(30_000, spec.maxLatencyMs + 1000),
      maxBytes: MAX_BODY_BYTES,
      policy: probeHostPolicy(probeHosts),
      ...(resolve ? { resolve } : {}),
    });
    const latencyMs = performance.now() - started;
    const slow = latencyMs > spec.maxLatencyMs;
    const wrong = res.status !== spec.expectedStatus;
    const error = wrong ? `HTTP ${res.status}, expected ${spec.expectedStatus}` : slow ? `answered in ${Math.round(latencyMs)} ms, over ${spec.maxLatencyMs} ms` : null;
    return { refused: false, at: Date.now() / 1000, ok: !wrong && !slow, status: res.status, latencyMs, error };
  } catch (e) {
    const out = outboundErrorOf(e);
    if (out?.reason === "refused") return { refused: true, error: `${out.message[0].toUpperCase()}${out.message.slice(1)}` };
    return { refused: false, at: Date.now() / 1000, ok: false, status: null, latencyMs: out?.reason === "timeout" ? performance.now() - started : null, error: out?.message ?? "the request failed" };
  }
}
