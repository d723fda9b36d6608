// Derives the PostgreSQL schema from the single source prisma/schema.prisma and
// generates both Prisma clients. Runs offline: the query engine is the JS/wasm
// query compiler (engineType = "client"), so no engine binary is downloaded.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prismaEnv } from "./prisma-env.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const source = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");

const postgres = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('url      = "file:./dev.db"', 'url      = "postgresql://firedrill@localhost/firedrill"')
  .replace('output     = "../lib/db/generated/sqlite"', 'output     = "../../lib/db/generated/postgres"');
if (postgres === source) throw new Error("generate-prisma: could not derive the postgres schema");

const header = "// GENERATED from prisma/schema.prisma by scripts/generate-prisma.mjs. Do not edit.\n";
fs.mkdirSync(path.join(root, "prisma/postgres"), { recursive: true });
fs.writeFileSync(path.join(root, "prisma/postgres/schema.prisma"), header + postgres);

for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: prismaEnv(),
  });
}
console.log("prisma: generated sqlite and postgres clients");
