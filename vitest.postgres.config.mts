import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.mts";

// Tests that need PostgreSQL's own behaviour (concurrent transactions, several
// connections): files named *.postgres.test.ts, run by `npm test` against the
// local server of scripts/postgres-local.sh with DATABASE_URL set to a fresh database.
export default defineConfig({
  resolve,
  test: {
    include: ["lib/**/*.postgres.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
