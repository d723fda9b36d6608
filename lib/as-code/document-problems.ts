import type { z } from "zod";
import type { ReadDocument } from "./read-yaml";

type Path = (string | number)[];

/** A field error in a document, with the line it is on. */
export interface DocumentProblem {
  line: number;
  column: number;
  /** The field in the document, e.g. spec.faults.0.params.latencyMs ("" for the whole document). */
  path: string;
  message: string;
}

/** A problem at `path` of `doc`, placed on its line (or its nearest existing parent's). */
export function problemAt(doc: ReadDocument, path: Path, message: string): DocumentProblem {
  const at = doc.positionOf(path);
  return { line: at.line, column: at.column, path: path.join("."), message };
}

/** zod issues as document problems; `toDocPath` maps a schema path to where it sits in the document. */
export function problemsFromZod(doc: ReadDocument, error: z.ZodError, toDocPath: (p: Path) => Path): DocumentProblem[] {
  const seen = new Set<string>();
  const out: DocumentProblem[] = [];
  for (const issue of error.issues) {
    const path = toDocPath(issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    const key = `${path.join(".")}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problemAt(doc, path, issue.message));
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
