import type { Targets } from "@/lib/experiments/schemas";

/** A random source in [0, 1); injectable so tests are deterministic. */
export type Random = () => number;

/**
 * PowerfulSeal-style filtering after matching: take a random sample (all, N,
 * or P% rounded up), then keep each with the given probability.
 */
export function sampleTargets<T>(matched: T[], sample: Targets["sample"], probability: number, random: Random = Math.random): T[] {
  const pool = [...matched];
  // Fisher–Yates, so every subset of the requested size is equally likely.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const size =
    sample.mode === "all" ? pool.length : sample.mode === "count" ? Math.min(pool.length, Math.floor(sample.value)) : Math.min(pool.length, Math.ceil((pool.length * sample.value) / 100));
  const chosen = sample.mode === "all" ? matched.slice() : pool.slice(0, size);
  return probability >= 1 ? chosen : chosen.filter(() => random() < probability);
}
