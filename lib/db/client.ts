import "server-only";
import { PrismaClient as SqliteClient } from "./generated/sqlite";
import { PrismaClient as PostgresClient } from "./generated/postgres";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabaseTarget } from "./database-url";

/**
 * The Prisma client type the app codes against. Both generated clients come
 * from the same schema, so the PostgreSQL client has the same shape.
 */
export type Db = SqliteClient;

function createClient(): Db {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    const adapter = new PrismaPg({ connectionString: target.url });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: target.url });
  return new SqliteClient({ adapter });
}

// One client per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { firedrillDb?: Db };

/** The process-wide database client for DATABASE_URL (embedded SQLite by default). */
export const db: Db = globalForDb.firedrillDb ?? (globalForDb.firedrillDb = createClient());
