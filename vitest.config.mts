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
  },
});
