/**
 * Which database Firedrill talks to, decided once from DATABASE_URL.
 * Shared by the app, the Prisma CLI config and the scripts, so every entry
 * point agrees. No server imports: the Prisma config loads this file too.
 */
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** For sqlite: an absolute `file:` URL; for postgres: the connection string. */
  url: string;
  /** For sqlite only: the absolute path of the database file. */
  file?: string;
}

/** The embedded default: a SQLite file under ./data, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/firedrill.db";

/**
 * Resolves DATABASE_URL (or the embedded default) into a database target.
 * Relative sqlite paths are taken from the project root (the process cwd),
 * never from the schema folder, so the CLI and the app open the same file.
 */
export function resolveDatabaseTarget(raw = process.env.DATABASE_URL, cwd = process.cwd()): DatabaseTarget {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { kind: "postgres", url };
  }
  if (url.startsWith("file:")) {
    const file = path.resolve(cwd, url.slice("file:".length));
    return { kind: "sqlite", url: `file:${file}`, file };
  }
  throw new Error(
    `DATABASE_URL must start with file: (embedded SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}
