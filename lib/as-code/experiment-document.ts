import { z } from "zod";
import { stringify } from "yaml";
import { findFaultKind } from "@/lib/faults/catalog";
import { experimentSchema, type ExperimentInput } from "@/lib/experiments/schemas";
import type { ReadDocument } from "./read-yaml";
import { problemAt, problemsFromZod, type DocumentProblem } from "./document-problems";
import { unknownKeys } from "./unknown-keys";

/** The version of Firedrill's document format; a later format change gets v2 and a converter. */
export const FIREDRILL_API_VERSION = "firedrill.dev/v1";

/**
 * The fields of an experiment that travel in a document. The GameDay, the
 * experiment id, the cluster connection and failure-mode links belong to one
 * installation; they are chosen when a document is imported.
 */
export const CONTEXT_FIELDS = ["gameDayId", "experimentId", "clusterId", "failureModeIds"] as const;
type ContextField = (typeof CONTEXT_FIELDS)[number];

/** The spec of an Experiment document: the editor's schema without the installation's context or the title. */
export type ExperimentSpec = Omit<ExperimentInput, ContextField | "title">;

export interface ExperimentDocument {
  apiVersion: typeof FIREDRILL_API_VERSION;
  kind: "Experiment";
  metadata: { title: string };
  spec: ExperimentSpec;
}

/** Where an imported experiment goes: the GameDay, and the cluster its faults run on. */
export interface ImportContext {
  gameDayId: string;
  clusterId?: string;
  failureModeIds?: string[];
}

/** The editor's object schema (before its transform), the single source of every field below. */
export const experimentObjectSchema = experimentSchema.in;

/** The keys a document's spec may hold: every editor field that is not installation context (nor the title, in metadata). */
export const SPEC_KEYS = Object.keys(experimentObjectSchema.shape).filter((k) => k !== "title" && !(CONTEXT_FIELDS as readonly string[]).includes(k));

const specObjectSchema = experimentObjectSchema.omit({ title: true, gameDayId: true, experimentId: true, clusterId: true, failureModeIds: true });

const envelopeSchema = z.object({
  apiVersion: z.string({ error: `Set apiVersion: ${FIREDRILL_API_VERSION}.` }),
  kind: z.string({ error: "Set kind: Experiment." }),
  metadata: z.object({ title: z.unknown() }, { error: "Add metadata with a title." }),
  spec: z.record(z.string(), z.unknown(), { error: "Add a spec: hypothesis, durationSec, faults, targets…" }),
});

/** The document for an experiment (as the editor saved it, defaults filled). */
export function toExperimentDocument(e: Pick<ExperimentInput, "title" | keyof ExperimentSpec>): ExperimentDocument {
  return {
    apiVersion: FIREDRILL_API_VERSION,
    kind: "Experiment",
    metadata: { title: e.title },
    spec: {
      hypothesis: e.hypothesis,
      durationSec: e.durationSec,
      faults: e.faults.map((f) => ({ kind: f.kind, params: f.params })),
      targets: e.targets,
      steadyState: e.steadyState,
      abortConditions: e.abortConditions,
      rollbackNotes: e.rollbackNotes,
    },
  };
}

/** YAML text for documents, with a schema hint editors (VS Code's YAML extension) understand. */
export function documentsToYaml(docs: unknown[], schemaUrl?: string): string {
  const head = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}\n` : "";
  return head + docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n");
}

/** Maps a path of the editor's schema to where it sits in a document. */
function docPath(p: (string | number)[]): (string | number)[] {
  if (p[0] === "title") return ["metadata", "title", ...p.slice(1)];
  return ["spec", ...p];
}

export type ParsedExperiment = { ok: true; input: ExperimentInput } | { ok: false; problems: DocumentProblem[] };

/**
 * Reads one Firedrill Experiment document into the editor's input, validated
 * by the editor's own schema (experimentSchema), with every field error on
 * its line. Unknown keys are errors too, so a typo is never dropped silently.
 */
export function parseExperimentDocument(doc: ReadDocument, ctx: ImportContext): ParsedExperiment {
  const env = envelopeSchema.safeParse(doc.value);
  if (!env.success) return { ok: false, problems: problemsFromZod(doc, env.error, (p) => p) };
  const problems: DocumentProblem[] = [];
  if (env.data.apiVersion !== FIREDRILL_API_VERSION) problems.push(problemAt(doc, ["apiVersion"], `Unknown apiVersion "${env.data.apiVersion}": this Firedrill reads ${FIREDRILL_API_VERSION}.`));
  if (env.data.kind !== "Experiment") problems.push(problemAt(doc, ["kind"], `Expected kind: Experiment, found "${env.data.kind}".`));
  for (const k of Object.keys(doc.value as object)) {
    if (!["apiVersion", "kind", "metadata", "spec"].includes(k)) problems.push(problemAt(doc, [k], `Unknown field "${k}": a document has apiVersion, kind, metadata and spec.`));
  }
  for (const k of Object.keys(env.data.metadata)) if (k !== "title") problems.push(problemAt(doc, ["metadata", k], `Unknown field "metadata.${k}": metadata has a title only.`));
  for (const path of unknownKeys(specObjectSchema, env.data.spec)) problems.push(problemAt(doc, ["spec", ...path], `Unknown field "${["spec", ...path].join(".")}".`));
  const faults = Array.isArray(env.data.spec.faults) ? env.data.spec.faults : [];
  faults.forEach((f, i) => {
    const kind = f && typeof f === "object" ? findFaultKind(String((f as { kind?: unknown }).kind)) : undefined;
    const params = (f as { params?: unknown } | null)?.params;
    if (kind) for (const path of unknownKeys(kind.params, params)) problems.push(problemAt(doc, ["spec", "faults", i, "params", ...path], `Unknown parameter "${path.join(".")}" for ${kind.kind}.`));
  });
  const parsed = experimentSchema.safeParse({ ...env.data.spec, title: env.data.metadata.title, ...ctx });
  if (!parsed.success) {
    // Errors on context fields (e.g. no cluster picked) belong to the import form, not to a line.
    const isContext = (i: z.core.$ZodIssue) => (CONTEXT_FIELDS as readonly PropertyKey[]).includes(i.path[0]);
    const inDoc = parsed.error.issues.filter((i) => !isContext(i));
    problems.push(...problemsFromZod(doc, new z.ZodError(inDoc), docPath));
    for (const i of parsed.error.issues.filter(isContext)) problems.push({ line: 0, column: 0, path: String(i.path[0]), message: i.message });
  }
  if (problems.length || !parsed.success) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, input: parsed.data };
}

