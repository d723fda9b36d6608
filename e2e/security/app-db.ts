// One SQL statement on the app's database (DATABASE_URL, as the app under
// test has it), with `?` placeholders on both databases: for setting up what
// the UI cannot make (a second team) and for reading what a request wrote.
import Database from "better-sqlite3";
import pg from "pg";

/** Runs one statement; returns its rows (none for writes). */
export async function sqlOnAppDb(text: string, params: unknown[] = []): Promise<unknown[]> {
  const url = process.env.DATABASE_URL ?? "file:./data/firedrill.db";
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let i = 0;
      return (await client.query(text.replace(/\?/g, () => `$${++i}`), params)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true });
  try {
    // Prisma's SQLite adapter stores DateTime as ISO text with a +00:00 offset.
    const values = params.map((p) => (typeof p === "string" && /^\d{4}-\d\d-\d\dT.*Z$/.test(p) ? p.replace(/Z$/, "+00:00") : p));
    const stmt = db.prepare(text);
    return stmt.reader ? stmt.all(...values) : (stmt.run(...values), []);
  } finally {
    db.close();
  }
}
