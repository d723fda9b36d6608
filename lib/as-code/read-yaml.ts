import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";

/** Limits every YAML or JSON document Firedrill reads is held to. */
export const YAML_LIMITS = {
  /** Bytes of text (UTF-8). A chaos experiment is a few KiB; 256 KiB leaves room for long Chaos Toolkit files. */
  maxBytes: 256 * 1024,
  /** Documents in one `---`-separated stream. */
  maxDocuments: 50,
  /**
   * Alias expansion budget (the `yaml` library's maxAliasCount): a "billion
   * laughs" document of nested aliases stops here instead of eating memory.
   */
  maxAliasCount: 100,
} as const;

/** A problem in the text, where it is: 1-based line and column (0 when not tied to a place). */
export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** One parsed document of a stream, with a way back from a path in its value to a line of the text. */
export interface ReadDocument {
  value: unknown;
  /** First line of the document in the stream (1-based). */
  line: number;
  /** The line and column of the deepest node on `path` that exists (the key's line for a map entry). */
  positionOf(path: readonly (string | number)[]): { line: number; column: number };
}

export type ReadYamlResult = { ok: true; documents: ReadDocument[] } | { ok: false; problems: YamlProblem[] };

/**
 * Reads a YAML (or JSON, which is YAML) stream safely: size and document
 * limits first, then the parser with duplicate keys as errors and a bounded
 * alias expansion. Every problem comes back with its line; nothing throws for
 * bad input. Empty documents (e.g. a trailing `---`) are skipped.
 */
export function readYaml(text: string): ReadYamlResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > YAML_LIMITS.maxBytes) {
    return { ok: false, problems: [{ line: 0, column: 0, message: `The document is ${Math.ceil(bytes / 1024)} KiB; the limit is ${YAML_LIMITS.maxBytes / 1024} KiB.` }] };
  }
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems: YamlProblem[] = [];
  for (const d of docs) {
    for (const e of d.errors) {
      const at = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      problems.push({ line: at.line, column: at.col, message: describeYamlError(e.code, e.message) });
    }
  }
  if (problems.length) return { ok: false, problems };
  const filled = docs.filter((d) => d.contents !== null);
  if (filled.length === 0) return { ok: false, problems: [{ line: 1, column: 1, message: "The document is empty." }] };
  if (filled.length > YAML_LIMITS.maxDocuments) {
    return { ok: false, problems: [{ line: lines.linePos(filled[YAML_LIMITS.maxDocuments].range[0]).line, column: 1, message: `At most ${YAML_LIMITS.maxDocuments} documents in one paste.` }] };
  }
  const documents: ReadDocument[] = [];
  for (const d of filled) {
    const start = lines.linePos(d.contents!.range[0]);
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    } catch (error) {
      // The yaml library throws a ReferenceError when aliases expand past the budget.
      const bomb = error instanceof ReferenceError;
      return { ok: false, problems: [{ line: start.line, column: start.col, message: bomb ? "Aliases in this document expand too far (a YAML bomb?): nothing was read." : `The document cannot be read: ${(error as Error).message}` }] };
    }
    documents.push({ value, line: start.line, positionOf: (path) => positionIn(d, lines, path) });
  }
  return { ok: true, documents };
}

function describeYamlError(code: string, message: string): string {
  // The library's pretty message repeats the source line with a caret; keep the first line only.
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (code === "DUPLICATE_KEY") return `${first.replace(/\.$/, "")}: each key may appear once in a mapping.`;
  return first;
}

function positionIn(doc: Document.Parsed, lines: LineCounter, path: readonly (string | number)[]): { line: number; column: number } {
  let node: Node | null = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      at = (pair.key as Node).range?.[0] ?? at;
      node = (pair.value as Node | null) ?? null;
      if (!node) break;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      node = item;
      at = item.range?.[0] ?? at;
    } else {
      break;
    }
  }
  const pos = lines.linePos(at);
  return { line: pos.line, column: pos.col };
}
