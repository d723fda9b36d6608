import path from "node:path";
import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.mts";

// Integration tests against the real test-bed cluster (`npm run testbed -- up`):
// files named *.cluster.test.ts. They fail, not skip, when the bed is down.
// SQLite by default; CLUSTER_TEST_DATABASE_URL=postgresql://… runs them on PostgreSQL
// (scripts/test.sh runs the engine and metrics tests on both databases).
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
      DATABASE_URL: process.env.CLUSTER_TEST_DATABASE_URL?.trim() || `file:${path.resolve(import.meta.dirname, ".data/cluster-test/db.sqlite")}`,
      FIREDRILL_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
      // The bed's Prometheus and the tests' local servers are on 127.0.0.1, which the outbound guard refuses unless allowed.
      FIREDRILL_OUTBOUND_ALLOW: "127.0.0.0/8,::1",
    },
  },
});
