import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.mts";
import { clusterTestDatabaseUrl } from "./lib/testing/cluster-database";

// Integration tests against the real test-bed cluster (`npm run testbed -- up`):
// files named *.cluster.test.ts. They fail, not skip, when the bed is down.
// SQLite by default; CLUSTER_TEST_DATABASE_URL=postgresql://… runs them on PostgreSQL.
export default defineConfig({
  resolve,
  test: {
    include: ["lib/**/*.cluster.test.ts"],
    environment: "node",
    globalSetup: ["lib/testing/cluster-global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: {
      DATABASE_URL: clusterTestDatabaseUrl(import.meta.dirname),
      FIREDRILL_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
    },
  },
});
