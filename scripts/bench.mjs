// `npm run bench`: runs every e2e/bench/*.bench.ts in turn. Each exports a
// default async function returning a JSON-serialisable result that reports
// its measurement as a ratio against a floor measured in the same run.
// Results go to e2e/bench/results/<name>.json; the README summarises them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = path.join(root, "e2e/bench");
const only = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only))).sort();
if (files.length === 0) {
  console.log("bench: no benchmarks found");
  process.exit(0);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench ${f}`);
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "--tsconfig", "tsconfig.json", "e2e/bench/run-one.ts", f], { cwd: root, stdio: "inherit" });
  } catch {
    failed++;
  }
}
process.exit(failed ? 1 : 0);
