import type { ReadDocument } from "../read-yaml";

type Path = (string | number)[];

/** A part of a foreign document Firedrill could not express, listed for the person importing it. */
export interface UnmappedPart {
  line: number;
  /** Where in the source document, e.g. spec.selector.annotationSelectors. */
  path: string;
  /** The value, shortened. */
  value: string;
  why: string;
}

/** An experiment drafted from a foreign document: the editor's fields, not validated yet. */
export interface MappedExperiment {
  /** e.g. "Chaos Mesh PodChaos demo/kill-checkout". */
  source: string;
  /** The line of the source document (or scenario) it came from. */
  line: number;
  /** The editor's input without the installation's context (GameDay, cluster). */
  draft: Record<string, unknown> & { title: string };
  /** For field errors: which source path each draft field came from ("faults.0.params.latencyMs" → its source path). */
  origins: Record<string, Path>;
  /** Decisions a person should know about (defaults chosen, nearest equivalents). */
  notes: string[];
}

/** What an importer returns for one document. */
export interface MappingResult {
  tool: string;
  experiments: MappedExperiment[];
  unmapped: UnmappedPart[];
}

const shorten = (v: unknown) => {
  const text = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/**
 * Bookkeeping for one foreign document: drafts, where each field came from,
 * and the parts that could not be mapped. An importer must account for every
 * key it does not map through `skip` — never drop one silently.
 */
export class Mapper {
  readonly experiments: MappedExperiment[] = [];
  readonly unmapped: UnmappedPart[] = [];

  constructor(
    readonly doc: ReadDocument,
    readonly tool: string,
  ) {}

  /** The line of `path` in the source document. */
  lineOf(path: Path): number {
    return this.doc.positionOf(path).line;
  }

  /** Records a part of the document that Firedrill cannot express, and why. */
  skip(path: Path, value: unknown, why: string): void {
    this.unmapped.push({ line: this.lineOf(path), path: path.join("."), value: shorten(value), why });
  }

  /** Skips every key of `obj` (at `path`) not in `handled`, with the reason `why(key)`. */
  skipOthers(path: Path, obj: unknown, handled: readonly string[], why: (key: string) => string): void {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return;
    for (const [k, v] of Object.entries(obj)) if (!handled.includes(k)) this.skip([...path, k], v, why(k));
  }

  add(e: Omit<MappedExperiment, "line"> & { line?: number }, at: Path = []): void {
    this.experiments.push({ ...e, line: e.line ?? this.lineOf(at) });
  }

  result(): MappingResult {
    return { tool: this.tool, experiments: this.experiments, unmapped: this.unmapped.sort((a, b) => a.line - b.line) };
  }
}

/** A plain object, or an empty one. */
export function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** An array, or an empty one. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A string value, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** A finite number (numbers and numeric strings), or undefined. */
export function num(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** "k=v,k2=v2" from a label map. */
export function labelsToSelector(labels: Record<string, unknown>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(",");
}

/** The minimum duration the editor allows, and the one used when a tool has none. */
export const MIN_DURATION_SEC = 10;
export const DEFAULT_DURATION_SEC = 60;
