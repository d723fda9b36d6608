import path from "node:path";

/** The module aliases every vitest config shares (unit, cluster, PostgreSQL). */
export const resolve = {
  alias: {
    "@": path.resolve(import.meta.dirname),
    // `server-only` throws outside React Server Components; tests run lib code directly.
    "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
  },
};
