import "server-only";
import { PrismaClient as SqliteClient } from "./generated/sqlite";
import { PrismaClient as PostgresClient } from "./generated/postgres";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabaseTarget } from "./database-url";
import { perProcess } from "@/lib/runtime/per-process";

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

/**
 * The process-wide database client for DATABASE_URL (embedded SQLite by default):
 * one per process, whatever the bundling, and reused by dev-mode reloads.
 */
export const db: Db = perProcess("db", createClient);
