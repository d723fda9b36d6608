// Test support for the round-trip tests (used only by *.test.ts beside it):
// experiments generated from the editor's zod schemas — each fault kind's
// params, the targets and the probes — so the round trip covers what the
// editor can make, not a hand-picked list.
import { z } from "zod";
import { listFaultKinds, type FaultKind } from "@/lib/faults/catalog";
import { experimentSchema, httpProbeSchema, probeSchema, targetsSchema, type ExperimentInput } from "@/lib/experiments/schemas";

/** A seeded PRNG (mulberry32), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Strings YAML likes to misread, plus values the schemas' patterns accept.
const STRINGS = [
  "", "a", "checkout", "Ken", "yes", "no", "null", "~", "0123", "1e3", "true", "a: b", "# not a comment", "- dash", "quote's \"x\"", "Zoë ✓ 火",
  "multi\nline\ttext", "app=checkout", "app in (checkout,cart),tier!=db", "status.phase=Running", "topology.kubernetes.io/zone=zone-a", "/data", "/var/lib/x",
  "payments.example.com, stripe.*", "*", "/api/*", "ghcr.io/acme/stress:1.2", "demo", "kube-system", "x".repeat(63), "pod-delete", "litmus-admin", "sum(rate(http_requests_total[1m]))",
];

interface JsonProp {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function number(r: () => number, p: JsonProp): number {
  const min = p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + 1 : -1000);
  const max = p.maximum ?? 1000;
  const int = p.type === "integer";
  const choice = r();
  const raw = choice < 0.25 ? min : choice < 0.5 ? max : min + r() * (max - min);
  return int ? Math.round(raw) : Math.round(raw * 1000) / 1000;
}

/** A value for one field of a zod object: typed and ranged by its JSON Schema, checked by the field's own schema. */
function field(r: () => number, schema: z.ZodType, p: JsonProp): unknown {
  for (let i = 0; i < 40; i++) {
    let v: unknown;
    if (p.enum) v = pick(r, p.enum);
    else if (p.type === "boolean") v = r() < 0.5;
    else if (p.type === "integer" || p.type === "number") v = number(r, p);
    else if (p.type === "string") v = pick(r, STRINGS);
    else return undefined;
    if (schema.safeParse(v).success) return v;
  }
  return undefined;
}

/** Random params for an object schema: each field either left to its default or generated. */
export function generateObject(r: () => number, schema: z.ZodObject): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonProp> };
  const shape = schema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(json.properties ?? {})) {
    if (p.default !== undefined && r() < 0.3) continue;
    const v = field(r, shape[k], p);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function generateTargets(r: () => number): Record<string, unknown> {
  const t = generateObject(r, targetsSchema);
  t.names = r() < 0.3 ? ["checkout-0", "catalog-7d9f"].slice(0, 1 + Math.floor(r() * 2)) : [];
  t.sample = { mode: pick(r, ["all", "count", "percent"] as const), value: Math.round(r() * 100) };
  t.repeat = { count: 1 + Math.floor(r() * 5), intervalSec: 1 + Math.floor(r() * 600), probability: Math.round(r() * 100) / 100 };
  if (r() < 0.3) t.owner = { kind: pick(r, ["Deployment", "StatefulSet"] as const), name: "checkout" };
  return t;
}

function generateProbes(r: () => number): Record<string, unknown>[] {
  return Array.from({ length: Math.floor(r() * 3) }, () => {
    const p: Record<string, unknown> = { ...generateObject(r, probeSchema), name: pick(r, ["Error ratio", "p99: latency", "ready"]), query: pick(r, ["sum(up)", 'rate(x{a="b"}[1m])']) };
    if (p.kind !== "http") return p;
    const http: Record<string, unknown> = { ...generateObject(r, httpProbeSchema), url: pick(r, ["http://checkout.demo.svc:8080/", "https://shop.example.com/health?deep=1", "http://10.0.0.7/"]) };
    return { ...p, http, threshold: Math.round(r() * 100) / 100, windowSec: Math.max(Number(p.windowSec ?? 30), Number(http.intervalSec ?? 2)) };
  });
}

/**
 * An experiment the editor accepts, with faults of `kind` (1–3 of them),
 * generated targets, probes and text; null when the generated draft did not
 * pass the editor's schema (the caller counts how many did).
 */
export function generateExperiment(r: () => number, kinds: FaultKind[]): ExperimentInput | null {
  const faults = kinds.map((k) => ({ kind: k.kind, params: generateObject(r, k.params) }));
  const people = kinds.every((k) => k.backend === "people");
  const draft = {
    gameDayId: "gameday1",
    clusterId: people && r() < 0.5 ? undefined : "cluster1",
    title: pick(r, ["Kill one pod", "yes", "Zoë's: test #1", "x".repeat(140)]),
    hypothesis: pick(r, ["Error rate stays under 1%", "multi\nline hypothesis", "- starts with a dash"]),
    faults,
    targets: generateTargets(r),
    durationSec: 10 + Math.floor(r() * 86390),
    steadyState: generateProbes(r),
    abortConditions: generateProbes(r),
    rollbackNotes: pick(r, ["", "Scale back to 3", "null"]),
  };
  const parsed = experimentSchema.safeParse(draft);
  return parsed.success ? parsed.data : null;
}

/** Every fault kind of the catalog, for the generator. */
export function allKinds(): FaultKind[] {
  return [...listFaultKinds()];
}
