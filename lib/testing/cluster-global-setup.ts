// Fresh database for the cluster tests, and a clear failure when the test bed is not up.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "../..");
  const env = process.env.TESTBED_ENV ?? path.join(root, "e2e/testbed/.state/env.json");
  if (!fs.existsSync(env)) throw new Error(`The test bed is not up (${env} missing): run \`npm run testbed -- up\` first.`);
  // The database vitest.cluster.config.mts chose: a SQLite file we own, or a PostgreSQL
  // database scripts/postgres-local.sh has just created.
  const url = project.config.env.DATABASE_URL;
  if (!url) throw new Error("vitest.cluster.config.mts sets no DATABASE_URL");
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  execFileSync("node", [path.join(root, "scripts/migrate-deploy.mjs")], { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
}
