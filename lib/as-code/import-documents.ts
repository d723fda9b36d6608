import { z } from "zod";
import { experimentSchema, type ExperimentInput } from "@/lib/experiments/schemas";
import { readYaml, type ReadDocument } from "./read-yaml";
import { problemAt, type DocumentProblem } from "./document-problems";
import { FIREDRILL_API_VERSION, parseExperimentDocument, type ImportContext } from "./experiment-document";
import { Mapper, obj, type MappedExperiment, type UnmappedPart } from "./importers/mapping";
import { CHAOS_MESH_KINDS, importChaosMesh } from "./importers/chaos-mesh";
import { importLitmus } from "./importers/litmus";
import { importIstio } from "./importers/istio";
import { importPowerfulSeal } from "./importers/powerfulseal";
import { importChaosToolkit } from "./importers/chaos-toolkit";

/** One experiment an import would create, validated by the editor's schema. */
export interface PlannedExperiment {
  /** Firedrill, or the tool and object it came from. */
  source: string;
  line: number;
  title: string;
  /** The validated experiment, or null when it has problems. */
  input: ExperimentInput | null;
  problems: DocumentProblem[];
  notes: string[];
}

/** What importing a text would do, before anything is written. */
export interface ImportPlan {
  /** The tools the documents came from, in order ("Firedrill", "Chaos Mesh", …). */
  tools: string[];
  experiments: PlannedExperiment[];
  unmapped: UnmappedPart[];
  /** Problems that stop the import (YAML errors, unknown kinds, a missing cluster, …). */
  problems: DocumentProblem[];
  /** True when every experiment is valid and there is at least one: importing will create them all. */
  ok: boolean;
}

const CONTEXT = new Set(["gameDayId", "experimentId", "clusterId", "failureModeIds"]);

type Kind = { tool: string; run: (m: Mapper, v: Record<string, unknown>) => void } | { tool: "Firedrill" } | { error: string; path: string[] };

/** Which tool wrote a document: by apiVersion and kind for Kubernetes objects, by shape for the others. */
export function detectDocument(value: unknown): Kind {
  const v = obj(value);
  const api = typeof v.apiVersion === "string" ? v.apiVersion : "";
  const kind = typeof v.kind === "string" ? v.kind : "";
  const group = api.split("/")[0];
  if (group === "firedrill.dev") {
    if (kind === "GameDayTemplate") return { error: "This is a GameDay template: import it from the GameDays page (it creates a whole GameDay).", path: ["kind"] };
    return { tool: "Firedrill" };
  }
  if (group === "chaos-mesh.org") {
    if (CHAOS_MESH_KINDS[kind] || kind === "Schedule") return { tool: "Chaos Mesh", run: importChaosMesh };
    return { error: `Chaos Mesh ${kind || "object"}: Firedrill imports ${Object.keys(CHAOS_MESH_KINDS).join(", ")} and Schedule.`, path: ["kind"] };
  }
  if (group === "litmuschaos.io") {
    if (kind === "ChaosEngine") return { tool: "LitmusChaos", run: importLitmus };
    return { error: `LitmusChaos ${kind || "object"}: Firedrill imports ChaosEngine (install ChaosExperiments in the cluster as usual).`, path: ["kind"] };
  }
  if (group === "networking.istio.io") {
    if (kind === "VirtualService") return { tool: "Istio", run: importIstio };
    return { error: `Istio ${kind || "object"}: Firedrill imports the fault blocks of VirtualServices.`, path: ["kind"] };
  }
  if (api || kind) return { error: `Unknown kind "${kind}" (apiVersion "${api}"): Firedrill imports its own Experiment documents, Chaos Mesh, LitmusChaos ChaosEngine, Istio VirtualService, PowerfulSeal policies and Chaos Toolkit experiments.`, path: [api ? "apiVersion" : "kind"] };
  if (Array.isArray(v.scenarios)) return { tool: "PowerfulSeal", run: importPowerfulSeal };
  if (Array.isArray(v.method) || v["steady-state-hypothesis"] !== undefined) return { tool: "Chaos Toolkit", run: importChaosToolkit };
  return { error: "Unknown document: not a Firedrill Experiment, a Chaos Mesh, LitmusChaos or Istio object, a PowerfulSeal policy (scenarios) nor a Chaos Toolkit experiment (method).", path: [] };
}

/** The source path a draft field came from: the longest recorded prefix of `path`. */
function originOf(e: MappedExperiment, path: (string | number)[]): (string | number)[] | null {
  for (let n = path.length; n > 0; n--) {
    const hit = e.origins[path.slice(0, n).join(".")];
    if (hit) return hit;
  }
  return null;
}

function planMapped(doc: ReadDocument, e: MappedExperiment, ctx: ImportContext, contextProblems: DocumentProblem[]): PlannedExperiment {
  const parsed = experimentSchema.safeParse({ ...e.draft, ...ctx });
  const base = { source: e.source, line: e.line, title: e.draft.title, notes: e.notes };
  if (parsed.success) return { ...base, input: parsed.data, problems: [] };
  const problems: DocumentProblem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (CONTEXT.has(String(path[0]))) {
      contextProblems.push({ line: 0, column: 0, path: String(path[0]), message: issue.message });
      continue;
    }
    const origin = originOf(e, path);
    const at = origin ? problemAt(doc, origin, "") : { line: e.line, column: 1 };
    problems.push({ line: at.line, column: at.column, path: path.join("."), message: `${path.join(".")}: ${issue.message}` });
  }
  return { ...base, input: null, problems };
}

/**
 * Reads a paste or upload (one or more YAML/JSON documents, Firedrill's own
 * or another tool's) into the experiments it would create in a GameDay, each
 * validated by the editor's schema, with what could not be mapped and every
 * problem on its line. Pure: nothing is written.
 */
export function planImport(text: string, ctx: ImportContext): ImportPlan {
  const read = readYaml(text);
  if (!read.ok) return { tools: [], experiments: [], unmapped: [], problems: read.problems.map((p) => ({ ...p, path: "" })), ok: false };
  const tools: string[] = [];
  const experiments: PlannedExperiment[] = [];
  const unmapped: UnmappedPart[] = [];
  const problems: DocumentProblem[] = [];
  for (const doc of read.documents) {
    if (!doc.value || typeof doc.value !== "object" || Array.isArray(doc.value)) {
      problems.push(problemAt(doc, [], "Expected a mapping (key: value) at the top of the document."));
      continue;
    }
    const kind = detectDocument(doc.value);
    if ("error" in kind) {
      problems.push(problemAt(doc, kind.path, kind.error));
      continue;
    }
    tools.push(kind.tool);
    if (!("run" in kind)) {
      const parsed = parseExperimentDocument(doc, ctx);
      const title = String(obj(obj(doc.value).metadata).title ?? "Untitled");
      const own = parsed.ok ? [] : parsed.problems.filter((p) => p.line > 0);
      if (!parsed.ok) for (const p of parsed.problems.filter((p) => p.line === 0)) problems.push(p);
      experiments.push({ source: `Firedrill ${FIREDRILL_API_VERSION} Experiment`, line: doc.line, title, input: parsed.ok ? parsed.input : null, problems: own, notes: [] });
      continue;
    }
    const m = new Mapper(doc, kind.tool);
    kind.run(m, doc.value as Record<string, unknown>);
    const result = m.result();
    unmapped.push(...result.unmapped);
    for (const e of result.experiments) experiments.push(planMapped(doc, e, ctx, problems));
  }
  const unique = dedupe(problems);
  if (experiments.length === 0 && unique.length === 0) unique.push({ line: 0, column: 0, path: "", message: "Nothing to import: no part of the document maps onto a Firedrill experiment (see what could not be mapped)." });
  const ok = unique.length === 0 && experiments.length > 0 && experiments.every((e) => e.input !== null);
  return { tools: [...new Set(tools)], experiments, unmapped, problems: unique, ok };
}

function dedupe(problems: DocumentProblem[]): DocumentProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The request body schema of an import (form, server action and API share it). */
export const importRequestSchema = z.object({
  text: z.string().min(1, "Paste or upload a document.").max(1_000_000, "The document is too large."),
  clusterId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(64).optional()),
});
