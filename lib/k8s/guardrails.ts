import { z } from "zod";

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
 * Says why each object may not be touched (empty list: all allowed). Pure, so
 * the same rules apply in preview, preflight and at apply time.
 */
export function guardrailViolations(g: Guardrails, objects: GuardedObject[], durationSec: number): string[] {
  const out: string[] = [];
  if (durationSec > g.maxDurationSec) out.push(`The duration ${durationSec} s is over this cluster's maximum of ${g.maxDurationSec} s.`);
  if (objects.length > g.maxTargets) out.push(`${objects.length} targets is over this cluster's blast-radius cap of ${g.maxTargets} per step: narrow the selector or sample fewer.`);
  const protectedPairs = g.protectedLabels.map((p) => p.split("=") as [string, string]);
  for (const o of objects) {
    const where = o.namespace ? `${o.namespace}/${o.name}` : o.name;
    if (o.namespace && g.protectedNamespaces.includes(o.namespace)) out.push(`${o.kind} ${where} is in the protected namespace ${o.namespace}.`);
    else if (o.namespace && g.allowedNamespaces.length > 0 && !g.allowedNamespaces.includes(o.namespace)) out.push(`${o.kind} ${where} is outside the allowed namespaces (${g.allowedNamespaces.join(", ")}).`);
    for (const [k, v] of protectedPairs) {
      if (o.labels?.[k] === v) out.push(`${o.kind} ${where} carries the protected label ${k}=${v}.`);
      else if (o.namespaceLabels?.[k] === v) out.push(`${o.kind} ${where} is in a namespace labelled ${k}=${v}.`);
    }
  }
  return out;
}

/** Checks a namespace before listing anything in it. */
export function namespaceViolation(g: Guardrails, namespace: string): string | null {
  if (g.protectedNamespaces.includes(namespace)) return `The namespace ${namespace} is protected on this cluster.`;
  if (g.allowedNamespaces.length > 0 && !g.allowedNamespaces.includes(namespace)) return `The namespace ${namespace} is not in this cluster's allowed namespaces (${g.allowedNamespaces.join(", ")}).`;
  return null;
}
