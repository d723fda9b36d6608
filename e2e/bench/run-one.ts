// Runs one benchmark file and writes its result JSON (see scripts/bench.mjs).
import fs from "node:fs";
import path from "node:path";

async function main() {
  const file = process.argv[2];
  const mod = (await import(path.resolve("e2e/bench", file))) as { default: () => Promise<unknown> };
  const started = new Date().toISOString();
  const result = await mod.default();
  const out = path.resolve("e2e/bench/results", file.replace(/\.bench\.ts$/, ".json"));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ benchmark: file, started, machine: { cpus: (await import("node:os")).cpus().length, node: process.version }, result }, null, 2) + "\n");
  console.log(`bench: wrote ${path.relative(process.cwd(), out)}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
