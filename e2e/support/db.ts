import Database from "better-sqlite3";
import pg from "pg";

/** A run's row as the engine sees it: status and lease. */
export interface RunRow {
  status: string;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
}

const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | number));

/**
 * Reads a run straight from the app's database (DATABASE_URL, as the app under
 * test has it), independently of the app: what the engine wrote, not what a
 * page shows.
 */
export async function readRunRow(runId: string): Promise<RunRow> {
  const url = process.env.DATABASE_URL ?? "file:./data/firedrill.db";
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT status, "leaseOwner", "leaseExpiresAt" FROM "Run" WHERE id = $1', [runId]);
      if (!rows[0]) throw new Error(`run ${runId} not found`);
      return { status: rows[0].status, leaseOwner: rows[0].leaseOwner, leaseExpiresAt: toDate(rows[0].leaseExpiresAt) };
    } finally {
      await client.end();
    }
  }
  const file = url.replace(/^file:/, "");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare("SELECT status, leaseOwner, leaseExpiresAt FROM Run WHERE id = ?").get(runId) as { status: string; leaseOwner: string | null; leaseExpiresAt: unknown } | undefined;
    if (!row) throw new Error(`run ${runId} not found`);
    return { status: row.status, leaseOwner: row.leaseOwner, leaseExpiresAt: toDate(row.leaseExpiresAt) };
  } finally {
    sqlite.close();
  }
}
