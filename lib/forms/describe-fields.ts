import { z } from "zod";

/** A form field derived from a zod schema, plain data the browser can render. */
export interface FieldSpec {
  name: string;
  label: string;
  help?: string;
  type: "text" | "textarea" | "number" | "integer" | "boolean" | "select";
  options?: string[];
  min?: number;
  max?: number;
  defaultValue?: string | number | boolean;
  required: boolean;
}

interface JsonSchemaProperty {
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: string | number | boolean;
}

/**
 * Derives form fields from a zod object schema through its JSON Schema, so
 * the authoring form and the server validation can never disagree about
 * which fields exist, their types, ranges and defaults.
 */
export function describeFields(schema: z.ZodObject): FieldSpec[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const base = { name, label: p.title ?? name, help: p.description, defaultValue: p.default, required: required.has(name) && p.default === undefined };
    if (p.enum) return { ...base, type: "select", options: p.enum };
    if (p.type === "boolean") return { ...base, type: "boolean" };
    if (p.type === "integer" || p.type === "number") {
      return { ...base, type: p.type === "integer" ? "integer" : "number", min: p.minimum, max: p.maximum };
    }
    return { ...base, type: (p.maxLength ?? 0) > 300 ? "textarea" : "text" };
  });
}
