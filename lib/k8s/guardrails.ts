import { z } from "zod";
import { parseOutboundAllow } from "@/lib/outbound/policy";

/** The images Firedrill's ephemeral-container kinds default to: stress-ng alone, and Pumba's nettools (a shell, tc, sleep). */
export const DEFAULT_FAULT_IMAGES = ["ghcr.io/alexei-led/stress-ng:latest", "ghcr.io/alexei-led/pumba-debian-nettools:latest", "ghcr.io/alexei-led/pumba-alpine-nettools:latest"] as const;

const namespaceList = z.array(z.string().trim().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Namespaces are lower-case letters, digits and dashes.")).max(200);

/** Per-cluster limits, enforced on the server before anything is touched. */
export const guardrailsSchema = z.object({
  /** Empty: every namespace that is not protected. */
  allowedNamespaces: namespaceList.default([]),
  protectedNamespaces: namespaceList.default(["kube-system", "firedrill"]),
  /** label=value pairs; an object carrying one is never a target. */
  protectedLabels: z.array(z.string().trim().regex(/^[\w./-]+=[\w.-]*$/, "Write protected labels as key=value.")).max(50).default(["firedrill.dev/protected=true"]),
  maxTargets: z.coerce.number().int().min(1, "Allow at least 1 target per step.").max(100_000).default(10),
  maxDurationSec: z.coerce.number().int().min(10).max(86_400).default(3600),
  /**
   * Images a fault container may run (exact references): the engine refuses
   * any other. The defaults are the images Firedrill's kinds default to
   * (lib/faults/param-fields.ts; why each, in the test bed README).
   */
  allowedImages: z.array(z.string().trim().min(1).max(300).regex(/^[\w.\-/:@]+$/, "An image reference is letters, digits and . - / : @ only.")).max(50).default([...DEFAULT_FAULT_IMAGES]),
  /**
   * Hosts HTTP probes may call (lib/metrics/http-probes): a host name, every
   * name under a domain (".svc.cluster.local"), an address or a CIDR. Empty:
   * HTTP probes cannot run against this cluster. Listing a host also lets
   * probes reach it over plain http and at an internal address: an HTTP
   * probe's purpose is to call the team's own services.
   */
  probeHosts: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(253)
        .refine((h) => !/[=\s,]/.test(h) && parseOutboundAllow(h).invalid.length === 0, "Write a host name, .domain, address or CIDR (no scheme, port or path)."),
    )
    .max(50)
    .default([]),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

export const DEFAULT_GUARDRAILS: Guardrails = guardrailsSchema.parse({});

export interface GuardedObject {
  kind: string;
  namespace?: string;
  name: string;
  labels?: Record<string, string>;
  /** The namespace's own labels, when known (a protected label on the namespace protects everything in it). */
  namespaceLabels?: Record<string, string>;
}

/**
 * Why the guardrails protect one object, or null when it may be touched.
 * Pure, so preview, preflight, every round and a node drain's evictions
 * apply the same rules.
 */
export function protectionReason(g: Guardrails, o: GuardedObject): string | null {
  if (o.namespace && g.protectedNamespaces.includes(o.namespace)) return `is in the protected namespace ${o.namespace}`;
  if (o.namespace && g.allowedNamespaces.length > 0 && !g.allowedNamespaces.includes(o.namespace)) return `is outside the allowed namespaces (${g.allowedNamespaces.join(", ")})`;
  for (const [k, v] of protectedPairs(g)) {
    if (o.labels?.[k] === v) return `carries the protected label ${k}=${v}`;
    if (o.namespaceLabels?.[k] === v) return `is in a namespace labelled ${k}=${v}`;
  }
  return null;
}

/** The protected labels as [key, value] pairs. */
export function protectedPairs(g: Guardrails): [string, string][] {
  return g.protectedLabels.map((p) => {
    const i = p.indexOf("=");
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

/**
 * `key notin (value)` per protected label, to append to every selector
 * Firedrill hands to a backend that evaluates it again later (Chaos Mesh,
 * a NetworkPolicy, Litmus): a protected pod, even one created later, never matches.
 */
export function protectedLabelExclusions(g: Guardrails): string[] {
  return protectedPairs(g).map(([k, v]) => `${k} notin (${v})`);
}

/** The cap and the duration: the limits on a whole step. */
export function blastRadiusViolations(g: Guardrails, targets: number, durationSec: number): string[] {
  const out: string[] = [];
  if (durationSec > g.maxDurationSec) out.push(`The duration ${durationSec} s is over this cluster's maximum of ${g.maxDurationSec} s.`);
  if (targets > g.maxTargets) out.push(`${targets} targets is over this cluster's blast-radius cap of ${g.maxTargets} per step: narrow the selector or sample fewer.`);
  return out;
}

/**
 * Says why each object may not be touched (empty list: all allowed), and
 * whether the whole set breaks the cap or the maximum duration.
 */
export function guardrailViolations(g: Guardrails, objects: GuardedObject[], durationSec: number): string[] {
  const out = blastRadiusViolations(g, objects.length, durationSec);
  for (const o of objects) {
    const why = protectionReason(g, o);
    if (why) out.push(`${o.kind} ${o.namespace ? `${o.namespace}/${o.name}` : o.name} ${why}.`);
  }
  return out;
}

/** Checks a namespace before listing anything in it. */
export function namespaceViolation(g: Guardrails, namespace: string): string | null {
  if (g.protectedNamespaces.includes(namespace)) return `The namespace ${namespace} is protected on this cluster.`;
  if (g.allowedNamespaces.length > 0 && !g.allowedNamespaces.includes(namespace)) return `The namespace ${namespace} is not in this cluster's allowed namespaces (${g.allowedNamespaces.join(", ")}).`;
  return null;
}
