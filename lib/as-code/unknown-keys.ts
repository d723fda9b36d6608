import type { z } from "zod";

type Path = (string | number)[];

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object (or array) schema under defaults, optionals, pipes and coercions. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if ((d.type === "default" || d.type === "optional" || d.type === "nullable" || d.type === "prefault" || d.type === "readonly") && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else return s;
  }
  return s;
}

/**
 * Keys in `value` that `schema` does not declare, as paths. zod strips them
 * silently; a document that says `durationSecs:` deserves to hear about the typo.
 */
export function unknownKeys(schema: z.ZodType, value: unknown, path: Path = []): Path[] {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const shape = (s as z.ZodObject).shape as Record<string, z.ZodType>;
    const out: Path[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (!(k in shape)) out.push([...path, k]);
      else out.push(...unknownKeys(shape[k], v, [...path, k]));
    }
    return out;
  }
  if (d.type === "array" && Array.isArray(value) && d.element) {
    return value.flatMap((v, i) => unknownKeys(d.element!, v, [...path, i]));
  }
  return [];
}
