// Fresh database for the cluster tests, and a clear failure when the test bed is not up.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { clusterTestDatabaseUrl } from "./cluster-database";

export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  const env = process.env.TESTBED_ENV ?? path.join(root, "e2e/testbed/.state/env.json");
  if (!fs.existsSync(env)) throw new Error(`The test bed is not up (${env} missing): run \`npm run testbed -- up\` first.`);
  const url = clusterTestDatabaseUrl(root);
  // PostgreSQL comes freshly created by scripts/postgres-local.sh reset; SQLite is a file we own.
  if (url.startsWith("file:")) {
    const dir = path.join(root, ".data/cluster-test");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  execFileSync("node", [path.join(root, "scripts/migrate-deploy.mjs")], { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
}
