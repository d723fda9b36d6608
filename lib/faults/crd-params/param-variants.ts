import type { z } from "zod";
import { describeFields } from "@/lib/forms/describe-fields";

/**
 * Parameter sets that reach every corner the authoring form allows: the
 * defaults, each option of every select, and the minimum and maximum of every
 * number. Built on `base` (values a kind's refinements need, e.g. a container
 * name for container-kill). Conformance tests build a custom resource from
 * each and check it against the real CRD, so the zod ranges and options can
 * never allow a value the CRD refuses.
 */
export function paramVariants(schema: z.ZodObject, base: Record<string, unknown> = {}): { label: string; params: Record<string, unknown> }[] {
  const out = [{ label: "defaults", params: { ...base } }];
  for (const f of describeFields(schema)) {
    for (const o of f.options ?? []) out.push({ label: `${f.name}=${o}`, params: { ...base, [f.name]: o } });
    if (f.type === "number" || f.type === "integer") {
      for (const v of [f.min, f.max]) if (v !== undefined) out.push({ label: `${f.name}=${v}`, params: { ...base, [f.name]: v } });
    }
  }
  return out;
}
