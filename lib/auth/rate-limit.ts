import { perProcess } from "@/lib/runtime/per-process";

/** At most `max` events per key in a sliding `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSec: number };

// A bound on the keys remembered per limiter: an attacker inventing addresses
// or emails evicts the oldest keys instead of growing the process's memory.
const MAX_KEYS = 20_000;

/**
 * A sliding-window counter per key, kept once per process (lib/runtime/per-process.ts:
 * the production build copies modules into several chunks). Limits are per
 * process: with N replicas an attacker gets N times the budget, which the
 * per-account limit still keeps small; the README says so.
 */
export function rateLimiter(name: string, limit: Limit) {
  const hits = perProcess(`rate-limit:${name}`, () => new Map<string, number[]>());
  const recent = (key: string, now: number) => {
    const kept = (hits.get(key) ?? []).filter((t) => now - t < limit.windowMs);
    if (kept.length) hits.set(key, kept);
    else hits.delete(key);
    return kept;
  };
  return {
    /** Whether one more event for `key` is within the limit (does not count it). */
    check(key: string, now = Date.now()): LimitVerdict {
      const kept = recent(key, now);
      if (kept.length < limit.max) return { ok: true };
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((kept[0] + limit.windowMs - now) / 1000)) };
    },
    /** Counts one event for `key`. */
    hit(key: string, now = Date.now()): void {
      const kept = recent(key, now);
      hits.delete(key); // re-inserted last: Map order is the eviction order
      hits.set(key, [...kept, now]);
      while (hits.size > MAX_KEYS) hits.delete(hits.keys().next().value as string);
    },
    /** Forgets `key` (a successful sign-in clears its failures). */
    reset(key: string): void {
      hits.delete(key);
    },
  };
}

/** The most restrictive of several verdicts (the longest wait). */
export function worst(...verdicts: LimitVerdict[]): LimitVerdict {
  const refused = verdicts.filter((v): v is { ok: false; retryAfterSec: number } => !v.ok);
  return refused.length ? { ok: false, retryAfterSec: Math.max(...refused.map((v) => v.retryAfterSec)) } : { ok: true };
}
