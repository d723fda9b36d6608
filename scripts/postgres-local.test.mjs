// Issue 12, found by rehearsing a fresh machine: in a clone inside a folder only root can
// enter (mktemp's 0700, or /root), `npm test` stopped at its PostgreSQL stage with
// "initdb: error: could not access directory …/.data/postgres: Permission denied", because
// as root the server runs as the postgres user. Starts the helper from such a clone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const asRoot = process.getuid?.() === 0 && fs.existsSync("/usr/sbin/runuser") && fs.readdirSync("/usr/lib/postgresql", { withFileTypes: true }).length > 0;
const outer = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-pg-")); // 0700, like a fresh clone's parent
const clone = path.join(outer, "clone");
const port = String(26000 + Math.floor(Math.random() * 500));
const run = (cmd) => execFileSync("bash", [path.join(clone, "scripts/postgres-local.sh"), cmd], { cwd: clone, env: { ...process.env, PG_TEST_PORT: port, PG_TEST_DIR: "" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

afterAll(() => {
  try {
    run("stop");
  } catch {
    // not started
  }
  fs.rmSync(outer, { recursive: true, force: true });
  // The data folder the helper chose in the postgres user's home for this clone.
  const hash = execFileSync("bash", ["-c", `printf '%s' "${clone}" | sha256sum | cut -c1-12`], { encoding: "utf8" }).trim();
  if (asRoot) fs.rmSync(`/var/lib/postgresql/firedrill-test-${hash}`, { recursive: true, force: true });
});

describe("the local PostgreSQL of the test suite", () => {
  it.runIf(asRoot)("starts from a clone the postgres user cannot enter, and stops again", () => {
    fs.mkdirSync(path.join(clone, "scripts"), { recursive: true });
    fs.copyFileSync(path.join(root, "scripts/postgres-local.sh"), path.join(clone, "scripts/postgres-local.sh"));
    expect((fs.statSync(outer).mode & 0o777).toString(8)).toBe("700");
    expect(run("start")).toBe(`postgresql://firedrill@127.0.0.1:${port}/postgres`);
    expect(execFileSync("bash", [path.join(clone, "scripts/postgres-local.sh"), "reset", "probe"], { cwd: clone, env: { ...process.env, PG_TEST_PORT: port, PG_TEST_DIR: "" }, encoding: "utf8" }).trim()).toBe(`postgresql://firedrill@127.0.0.1:${port}/probe`);
  }, 60_000);
});
