// The README promises that `npm start` and `npm test` do their own installs on a fresh
// machine. CI runs where earlier runs installed everything, so it cannot notice a program
// the code or the tests call that no script installs: this test does, by reading the tree.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// Present wherever the two commands can run at all (Node brings npm; the bed checks Go itself).
const BASE = new Set(["node", "npm", "npx", "bash", "sh", "go", "git", "kill", "dpkg"]);
const CALL = /\b(?:execFileSync|execFile|spawnSync|spawn)\(\s*["']([a-z][a-z0-9._-]+)["']/g;

function sources(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (["node_modules", "generated", ".state"].includes(entry.name)) continue;
      out.push(...sources(rel));
    } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every external program the code, the tests and the scripts start, with where. */
function calledPrograms() {
  const found = new Map();
  for (const file of ["app", "lib", "e2e", "scripts"].flatMap(sources)) {
    for (const m of fs.readFileSync(path.join(root, file), "utf8").matchAll(CALL)) {
      if (!BASE.has(m[1])) found.set(m[1], [...(found.get(m[1]) ?? []), file]);
    }
  }
  return found;
}

const installScripts = () =>
  ["scripts", "e2e/testbed"]
    .flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith(".sh")).map((f) => fs.readFileSync(path.join(root, d, f), "utf8")))
    .join("\n");

const debianPackageOf = (program) => {
  try {
    const file = execFileSync("bash", ["-c", `command -v ${program}`], { encoding: "utf8" }).trim();
    return execFileSync("dpkg", ["-S", fs.realpathSync(file)], { encoding: "utf8" }).split(":")[0].trim();
  } catch {
    return null;
  }
};

describe("what a fresh machine needs", () => {
  it("finds the programs the tree starts (the scan itself works)", () => {
    expect(calledPrograms().size).toBeGreaterThan(0);
  });

  it("installs every program the code and the tests start, from the project's own scripts", () => {
    const scripts = installScripts();
    const missing = [];
    for (const [program, files] of calledPrograms()) {
      const pkg = debianPackageOf(program);
      const installed = pkg ? new RegExp(`apt-get install[^\\n]*|need\\+=\\([^)]*\\)`, "g") : null;
      const named = installed && [...scripts.matchAll(installed)].some((m) => m[0].split(/[\s()]+/).includes(pkg));
      if (!named) missing.push(`${program} (${pkg ? `Debian package ${pkg}` : "not installed: the install scripts should have put it there"}) called in ${files[0]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("native addons on a fresh machine", () => {
  // Found by rehearsing a fresh machine: npm start's install compiled better-sqlite3 with no
  // compiler there ("make: cc: No such file or directory") and stopped before serving.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const native = Object.entries(pkg.allowScripts ?? {})
    .filter(([, allowed]) => allowed)
    .map(([name]) => name)
    .filter((name) => fs.existsSync(path.join(root, "node_modules", name, "binding.gyp")));

  it("finds the native addons npm builds (the scan itself works)", () => {
    expect(native).toContain("better-sqlite3");
  });

  it("installs a C/C++ compiler before npm install builds them", () => {
    const script = fs.readFileSync(path.join(root, "scripts/ensure-installed.sh"), "utf8");
    const install = script.indexOf("npm install");
    const compiler = script.search(/compiler=\([^)]*\bg\+\+[^)]*\bmake\b[^)]*\)/);
    expect(compiler, "scripts/ensure-installed.sh names g++ and make to install").toBeGreaterThan(-1);
    expect(compiler, "…before its npm install").toBeLessThan(install);
  });
});
