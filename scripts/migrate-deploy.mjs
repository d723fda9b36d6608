// Applies the committed migrations (prisma/migrations for SQLite,
// prisma/postgres/migrations for PostgreSQL) on every start, so a new install
// creates its embedded database by itself.
//
// Why not `prisma migrate deploy`: with Prisma 6.19's offline JS schema engine
// it works for SQLite but fails on PostgreSQL through @prisma/adapter-pg
// ("Column type 'name' could not be deserialized", prisma/orm#27403). The SQL
// itself is still produced by Prisma (`migrate diff`, scripts/new-migration.mjs);
// this runner only applies it: in order, each in a transaction, recorded with a
// checksum, and under an advisory lock on PostgreSQL so replicas starting
// together do not race.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const raw = process.env.DATABASE_URL?.trim() || "file:./data/firedrill.db";
const isPostgres = /^postgres(ql)?:\/\//.test(raw);
const dir = path.join(root, isPostgres ? "prisma/postgres/migrations" : "prisma/migrations");

const migrations = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .map((name) => {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
  });

const TABLE = `CREATE TABLE IF NOT EXISTS "_firedrill_migrations" (
  "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`;

function plan(applied) {
  const pending = [];
  for (const m of migrations) {
    const done = applied.get(m.name);
    if (done === undefined) pending.push(m);
    else if (done !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
    }
  }
  return pending;
}

async function onPostgres() {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: raw });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(TABLE);
    const rows = (await client.query('SELECT name, checksum FROM "_firedrill_migrations"')).rows;
    const pending = plan(new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_firedrill_migrations" VALUES ($1, $2, $3)', [m.name, m.checksum, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${error.message}`);
      }
    }
    return pending.length;
  } finally {
    await client.end();
  }
}

async function onSqlite() {
  const { default: Database } = await import("better-sqlite3");
  const file = path.resolve(root, raw.slice("file:".length));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TABLE);
    const rows = db.prepare('SELECT name, checksum FROM "_firedrill_migrations"').all();
    const pending = plan(new Map(rows.map((r) => [r.name, r.checksum])));
    // Prisma's SQLite migrations rebuild tables (CREATE new_X; copy; DROP X).
    // With foreign keys enforced, that DROP would cascade-delete child rows,
    // and PRAGMA foreign_keys is ignored inside a transaction: switch it off
    // around the transaction and check integrity before committing.
    db.pragma("foreign_keys = OFF");
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma("foreign_key_check");
        if (broken.length) throw new Error(`migration ${m.name} broke ${broken.length} foreign key(s), e.g. ${JSON.stringify(broken[0])}`);
        db.prepare('INSERT INTO "_firedrill_migrations" VALUES (?, ?, ?)').run(m.name, m.checksum, new Date().toISOString());
      }).immediate();
    }
    db.pragma("foreign_keys = ON");
    return pending.length;
  } finally {
    db.close();
  }
}

if (!isPostgres && !raw.startsWith("file:")) {
  console.error(`database: DATABASE_URL must start with file: or postgres://`);
  process.exit(1);
}
try {
  const count = isPostgres ? await onPostgres() : await onSqlite();
  const where = isPostgres ? "PostgreSQL" : path.relative(root, path.resolve(root, raw.slice(5)));
  console.log(count ? `database: applied ${count} migration(s) to ${where}` : `database: ${where} is up to date`);
} catch (error) {
  console.error(`database: could not apply migrations: ${error.message}`);
  process.exit(1);
}
