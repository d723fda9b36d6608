import path from "node:path";

/**
 * The database the cluster tests use: the embedded SQLite file by default, or
 * the PostgreSQL database CLUSTER_TEST_DATABASE_URL names (scripts/test.sh runs
 * the engine and metrics tests a second time that way, so the run engine's
 * conditional updates, leases and snapshots are exercised on both databases).
 */
export function clusterTestDatabaseUrl(root: string): string {
  const pg = process.env.CLUSTER_TEST_DATABASE_URL?.trim();
  if (pg) return pg;
  return `file:${path.join(root, ".data/cluster-test/db.sqlite")}`;
}
