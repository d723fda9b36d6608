import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests that need PostgreSQL's own behaviour (concurrent transactions, several
// connections): files named *.postgres.test.ts, run by `npm test` against the
// local server of scripts/postgres-local.sh with DATABASE_URL set to a fresh database.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.postgres.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
