import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.mts";

export default defineConfig({
  resolve,
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.mjs"],
    // *.cluster.test.ts need the real test bed (vitest.cluster.config.mts runs them);
    // *.postgres.test.ts need PostgreSQL (vitest.postgres.config.mts).
    exclude: ["**/node_modules/**", "**/*.cluster.test.ts", "**/*.postgres.test.ts"],
    environment: "node",
    env: {
      // The outbound guard refuses loopback unless the operator allows it; the
      // unit tests' fake trackers, webhooks and Prometheus listen on 127.0.0.1.
      // Tests of the guard itself pass their own policy (lib/outbound/*.test.ts).
      FIREDRILL_OUTBOUND_ALLOW: "127.0.0.0/8,::1",
    },
  },
});
