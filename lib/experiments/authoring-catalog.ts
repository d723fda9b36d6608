import "server-only";
import { BACKEND_LABELS, listFaultKinds } from "@/lib/faults/catalog";
import { describeFields, type FieldSpec } from "@/lib/forms/describe-fields";

export interface CatalogEntry {
  kind: string;
  label: string;
  backend: string;
  backendLabel: string;
  description: string;
  fields: FieldSpec[];
  rules: string[];
}

/**
 * The fault kinds as plain data for the authoring form, from the registry
 * (lib/faults/registry.ts), its fields generated from each kind's zod schema.
 */
export function authoringCatalog(): CatalogEntry[] {
  return listFaultKinds().map((k) => ({
    kind: k.kind,
    label: k.label,
    backend: k.backend,
    backendLabel: BACKEND_LABELS[k.backend],
    description: k.description,
    fields: describeFields(k.params),
    rules: k.rules ?? [],
  }));
}
