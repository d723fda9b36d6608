// "Changes nothing" checked for real: a digest of every row of every table of
// the app's database (DATABASE_URL, as the app under test has it), read
// independently of the app.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

const url = () => process.env.DATABASE_URL ?? "file:./data/firedrill.db";
const isPg = () => /^postgres(ql)?:\/\//.test(url());

async function allRows(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  if (isPg()) {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_prisma%'")).rows.map((r) => r.tablename as string);
      for (const t of tables) out[t] = (await client.query(`SELECT * FROM "${t}"`)).rows;
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new Database(url().replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_prisma%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}"`).all();
  } finally {
    db.close();
  }
  return out;
}

// Written by the engine loop on its own clock (the lease of every open run is
// renewed every few seconds), not by a request: leaving them in would report a
// write that no caller made.
// A GameDay's liveSeq counts the live notifications sent to its screens: every
// write a request makes is also a row elsewhere, so it is left out too.
const AMBIENT: Record<string, string[]> = { Run: ["leaseExpiresAt", "leaseOwner"], GameDay: ["liveSeq"] };
// Likewise a run's metric snapshot, completed from Prometheus once the run's
// after-window has passed (a cache of Prometheus data; no request writes it),
// the alerts the engine's alert watcher reads from Prometheus every 2 s, and
// the requests a run's HTTP probes make at their own rate.
const AMBIENT_TABLES = new Set(["RunMetricSnapshot", "RunAlert", "HttpProbeSample"]);
// The alert watcher's own timeline lines ("Watching alerts: …"), marked by it
// with data.alertWatch: written on the engine's clock, not by any request.
const dataOf = (r: Record<string, unknown>) => (typeof r.data === "string" ? (JSON.parse(r.data) as unknown) : r.data);
const AMBIENT_ROWS: Record<string, (r: Record<string, unknown>) => boolean> = {
  RunEvent: (r) => {
    const d = dataOf(r);
    // The HTTP prober's lines (a host refused, calling again) are marked with data.httpProbe.
    return !!d && typeof d === "object" && ((d as { alertWatch?: unknown }).alertWatch === true || typeof (d as { httpProbe?: unknown }).httpProbe === "string");
  },
};
const without = (skip: string[] | undefined, rows: unknown[]) =>
  skip ? rows.map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).filter(([k]) => !skip.includes(k)))) : rows;

const digest = (rows: unknown[]) =>
  crypto
    .createHash("sha256")
    .update(
      rows
        .map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v)))
        .sort()
        .join("\n"),
    )
    .digest("hex");

/**
 * A digest per table: compare two to see whether (and where) anything was
 * written. `ignore` leaves out more columns per table (a valid token's
 * `lastUsedAt`, which records its use even when the object was not found).
 */
export async function fingerprint(ignore: Record<string, string[]> = {}): Promise<Record<string, string>> {
  const rows = await allRows();
  return Object.fromEntries(
    Object.entries(rows)
      .filter(([t]) => !AMBIENT_TABLES.has(t))
      .map(([t, r]) => [t, digest(without([...(AMBIENT[t] ?? []), ...(ignore[t] ?? [])], AMBIENT_ROWS[t] ? r.filter((x) => !AMBIENT_ROWS[t](x as Record<string, unknown>)) : r))]),
  );
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
