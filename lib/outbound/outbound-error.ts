import { AppError } from "@/lib/errors";

/**
 * Why an outbound call failed. Callers branch on this, never on the message:
 * refused (a destination the policy does not allow), redirect (a 3xx, not
 * followed), timeout (the total deadline passed), too-large (the answer
 * passed the size cap), unreachable (no answer), aborted (the caller gave up).
 */
export const OUTBOUND_FAILURES = ["refused", "redirect", "timeout", "too-large", "unreachable", "aborted"] as const;
export type OutboundFailure = (typeof OUTBOUND_FAILURES)[number];

/**
 * The project's AppError, carrying the reason an outbound call failed. Its
 * message is safe to store and show: it names the host and says what
 * happened, never what an arbitrary server answered, nor the low-level
 * socket error (which would tell an open port from a closed one).
 */
export class OutboundError extends AppError {
  readonly reason: OutboundFailure;
  readonly host: string;

  constructor(opts: { reason: OutboundFailure; host: string; message: string; cause?: unknown }) {
    super({ code: opts.reason === "refused" ? "FORBIDDEN" : "DEPENDENCY_FAILED", message: opts.message, cause: opts.cause });
    this.name = "OutboundError";
    this.reason = opts.reason;
    this.host = opts.host;
  }
}

/**
 * The OutboundError behind whatever a client library threw (Octokit and
 * axios wrap what their fetch threw in `cause`), or null.
 */
export function outboundErrorOf(error: unknown): OutboundError | null {
  let e: unknown = error;
  for (let depth = 0; depth < 8 && e; depth++) {
    if (e instanceof OutboundError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
