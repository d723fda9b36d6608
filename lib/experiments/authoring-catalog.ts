import { BACKEND_LABELS, listFaultKinds } from "@/lib/faults/catalog";
import { hasDriver } from "@/lib/faults/registry";
import { describeFields, type FieldSpec } from "@/lib/forms/describe-fields";

export interface CatalogEntry {
  kind: string;
  label: string;
  backend: string;
  backendLabel: string;
  description: string;
  fields: FieldSpec[];
  runnable: boolean;
  rules: string[];
}

/** The fault catalog as plain data for the authoring form (fields generated from the zod schemas). */
export function authoringCatalog(): CatalogEntry[] {
  return listFaultKinds().map((k) => ({
    kind: k.kind,
    label: k.label,
    backend: k.backend,
    backendLabel: BACKEND_LABELS[k.backend],
    description: k.description,
    fields: describeFields(k.params),
    runnable: k.backend === "people" || hasDriver(k.kind),
    rules: k.rules ?? [],
  }));
}
