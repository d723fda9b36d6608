import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests run lib code directly.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.mjs"],
    // *.cluster.test.ts need the real test bed (vitest.cluster.config.mts runs them);
    // *.postgres.test.ts need PostgreSQL (vitest.postgres.config.mts).
    exclude: ["**/node_modules/**", "**/*.cluster.test.ts", "**/*.postgres.test.ts"],
    environment: "node",
  },
});
