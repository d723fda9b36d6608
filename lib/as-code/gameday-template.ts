import { z } from "zod";
import { createGameDaySchema, estimateSchema, failureModeSchema } from "@/lib/gameday/schemas";
import type { EstimateInput } from "@/lib/gameday/schemas";
import type { InjectionPoint } from "@/lib/gameday/schemas";
import type { ExperimentInput } from "@/lib/experiments/schemas";
import type { ReadDocument } from "./read-yaml";
import { problemAt, problemsFromZod, type DocumentProblem } from "./document-problems";
import { FIREDRILL_API_VERSION, parseExperimentDocument, toExperimentDocument, type ExperimentSpec } from "./experiment-document";
import { unknownKeys } from "./unknown-keys";

/** A failure mode of a template, with its estimate (as the estimate form takes it). */
export interface TemplateFailureMode {
  title: string;
  description: string;
  injectionPoint: InjectionPoint;
  estimate?: Omit<EstimateInput, "failureModeId">;
}

/** An experiment of a template: its document's fields, and the failure modes it tests, by title. */
export type TemplateExperiment = { title: string; failureModes: string[] } & ExperimentSpec;

/** A whole GameDay as a reusable plan: goals, failure modes, estimates and experiments; no runs, no people. */
export interface GameDayTemplate {
  apiVersion: typeof FIREDRILL_API_VERSION;
  kind: "GameDayTemplate";
  metadata: { title: string };
  spec: { goals: string; systemUnderTest: string; failureModes: TemplateFailureMode[]; experiments: TemplateExperiment[] };
}

const PLACEHOLDER_ID = "template";
// The estimate is checked by estimateSchema itself (with its cross-field rules) once the card exists.
const failureModeInTemplate = failureModeSchema.omit({ gameDayId: true }).extend({ estimate: z.record(z.string(), z.unknown()).optional() });

const envelope = z.object({
  apiVersion: z.literal(FIREDRILL_API_VERSION, { error: `Set apiVersion: ${FIREDRILL_API_VERSION}.` }),
  kind: z.literal("GameDayTemplate", { error: "Set kind: GameDayTemplate." }),
  metadata: z.object({ title: z.unknown() }),
  spec: z.object({
    goals: z.unknown(),
    systemUnderTest: z.unknown(),
    failureModes: z.array(z.record(z.string(), z.unknown())).max(200).default([]),
    experiments: z.array(z.record(z.string(), z.unknown())).max(100).default([]),
  }),
});

/** The template of a GameDay (as loaded by lib/as-code/template-store.ts). */
export function toGameDayTemplate(g: {
  title: string;
  goals: string;
  systemUnderTest: string;
  failureModes: (TemplateFailureMode & { id: string })[];
  experiments: (Pick<ExperimentInput, "title" | keyof ExperimentSpec> & { failureModeIds: string[] })[];
}): GameDayTemplate {
  const titleOf = new Map(g.failureModes.map((f) => [f.id, f.title]));
  return {
    apiVersion: FIREDRILL_API_VERSION,
    kind: "GameDayTemplate",
    metadata: { title: g.title },
    spec: {
      goals: g.goals,
      systemUnderTest: g.systemUnderTest,
      failureModes: g.failureModes.map(({ title, description, injectionPoint, estimate }) => ({ title, description, injectionPoint, ...(estimate ? { estimate } : {}) })),
      experiments: g.experiments.map((e) => {
        const { metadata, spec } = toExperimentDocument(e);
        return { title: metadata.title, ...spec, failureModes: e.failureModeIds.map((id) => titleOf.get(id)).filter((t): t is string => t !== undefined) };
      }),
    },
  };
}

/** A template checked by the GameDay, failure-mode, estimate and experiment schemas, ready to create. */
export interface ParsedTemplate {
  gameDay: { title: string; goals: string; systemUnderTest: string };
  failureModes: (TemplateFailureMode & { estimate?: Omit<EstimateInput, "failureModeId"> })[];
  /** Experiments with the titles of the failure modes they link. */
  experiments: { input: ExperimentInput; failureModes: string[] }[];
}

/**
 * Reads a GameDayTemplate document: each part validated by the schema the
 * forms use, failure modes linked by title (unique, and every link must
 * name one), every error on its line.
 */
export function parseGameDayTemplate(doc: ReadDocument, ctx: { scheduledFor: Date; clusterId?: string; title?: string }): { ok: true; template: ParsedTemplate } | { ok: false; problems: DocumentProblem[] } {
  const env = envelope.safeParse(doc.value);
  if (!env.success) return { ok: false, problems: problemsFromZod(doc, env.error, (p) => p) };
  const problems: DocumentProblem[] = [];
  const spec = env.data.spec;
  const gd = createGameDaySchema.safeParse({ title: ctx.title || env.data.metadata.title, goals: spec.goals, systemUnderTest: spec.systemUnderTest, scheduledFor: ctx.scheduledFor });
  if (!gd.success) problems.push(...problemsFromZod(doc, gd.error, (p) => (p[0] === "title" ? ["metadata", "title"] : ["spec", ...p])));
  const failureModes: ParsedTemplate["failureModes"] = [];
  const titles = new Set<string>();
  spec.failureModes.forEach((raw, i) => {
    const at = ["spec", "failureModes", i];
    for (const path of unknownKeys(failureModeInTemplate, raw)) problems.push(problemAt(doc, [...at, ...path], `Unknown field "${path.join(".")}".`));
    for (const path of unknownKeys(estimateSchema, raw.estimate)) problems.push(problemAt(doc, [...at, "estimate", ...path], `Unknown field "estimate.${path.join(".")}".`));
    const f = failureModeInTemplate.safeParse(raw);
    if (!f.success) return problems.push(...problemsFromZod(doc, f.error, (p) => [...at, ...p]));
    if (titles.has(f.data.title)) problems.push(problemAt(doc, [...at, "title"], `Another failure mode is already called "${f.data.title}": experiments link failure modes by title.`));
    titles.add(f.data.title);
    const est = f.data.estimate ? estimateSchema.safeParse({ ...f.data.estimate, failureModeId: PLACEHOLDER_ID }) : null;
    if (est && !est.success) return problems.push(...problemsFromZod(doc, est.error, (p) => [...at, "estimate", ...p]));
    const estimate = est?.success ? { ...est.data, failureModeId: undefined } : undefined;
    failureModes.push({ title: f.data.title, description: f.data.description, injectionPoint: f.data.injectionPoint, ...(estimate ? { estimate } : {}) });
  });
  const experiments: ParsedTemplate["experiments"] = [];
  spec.experiments.forEach((raw, i) => {
    const at = ["spec", "experiments", i];
    const { title, failureModes: links, ...rest } = raw;
    const linked = Array.isArray(links) ? links.map(String) : [];
    linked.forEach((t, j) => {
      if (!titles.has(t)) problems.push(problemAt(doc, [...at, "failureModes", j], `No failure mode of this template is called "${t}".`));
    });
    // The experiment is read exactly as a standalone Experiment document would be, lines included.
    const asDoc: ReadDocument = { value: { apiVersion: FIREDRILL_API_VERSION, kind: "Experiment", metadata: { title }, spec: rest }, line: doc.line, positionOf: (p) => doc.positionOf(p[0] === "metadata" ? [...at, "title"] : p[0] === "spec" ? [...at, ...p.slice(1)] : at) };
    const parsed = parseExperimentDocument(asDoc, { gameDayId: PLACEHOLDER_ID, clusterId: ctx.clusterId });
    if (!parsed.ok) return problems.push(...parsed.problems.map((p) => ({ ...p, path: p.path ? `${at.join(".")}.${p.path.replace(/^spec\.|^metadata\./, "")}` : p.path })));
    experiments.push({ input: parsed.input, failureModes: linked });
  });
  for (const k of Object.keys(doc.value as object)) if (!["apiVersion", "kind", "metadata", "spec"].includes(k)) problems.push(problemAt(doc, [k], `Unknown field "${k}".`));
  for (const k of Object.keys(doc.value && typeof doc.value === "object" ? ((doc.value as { spec?: object }).spec ?? {}) : {})) {
    if (!["goals", "systemUnderTest", "failureModes", "experiments"].includes(k)) problems.push(problemAt(doc, ["spec", k], `Unknown field "spec.${k}": a template holds goals, systemUnderTest, failureModes and experiments (no runs, no people).`));
  }
  if (problems.length || !gd.success) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, template: { gameDay: { title: gd.data.title, goals: gd.data.goals, systemUnderTest: gd.data.systemUnderTest }, failureModes, experiments } };
}
