// Creates a migration for BOTH databases from the change to prisma/schema.prisma:
//   npm run db:migrate:new -- add_something
// Each provider keeps a snapshot of the schema its migrations produce
// (migrations/schema.snapshot.prisma); the new migration is the diff between
// that snapshot and the current schema, computed offline by the JS schema engine.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prismaEnv } from "./prisma-env.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
const check = name === "--check";
if (!name) {
  console.error("usage: npm run db:migrate:new -- <name>   (or --check)");
  process.exit(2);
}
execFileSync("node", [path.join(root, "scripts/generate-prisma.mjs")], { stdio: "inherit" });

let pending = false;
for (const dir of ["prisma", "prisma/postgres"]) {
  const schema = path.join(root, dir, "schema.prisma");
  const migrations = path.join(root, dir, "migrations");
  const snapshot = path.join(migrations, "schema.snapshot.prisma");
  fs.mkdirSync(migrations, { recursive: true });
  const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { cwd: root, env: prismaEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const empty = sql.trim() === "" || sql.includes("This is an empty migration");
  if (empty) continue;
  pending = true;
  if (check) {
    console.error(`${dir}: schema.prisma has changes with no migration; run npm run db:migrate:new -- <name>`);
    continue;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const target = path.join(migrations, `${stamp}_${name}`);
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, "migration.sql"), sql);
  fs.copyFileSync(schema, snapshot);
  if (!fs.existsSync(path.join(migrations, "migration_lock.toml"))) {
    const provider = dir === "prisma" ? "sqlite" : "postgresql";
    fs.writeFileSync(path.join(migrations, "migration_lock.toml"), `provider = "${provider}"\n`);
  }
  console.log(`${dir}: wrote ${path.relative(root, target)}/migration.sql`);
}
if (check && pending) process.exit(1);
if (check) console.log("migrations: up to date with prisma/schema.prisma");
