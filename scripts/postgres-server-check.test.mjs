// Found by rehearsing a fresh machine with the PostgreSQL server removed but its client kept
// (postgresql-client, which psql users and libpq-dev pull in, makes /usr/lib/postgresql/N/bin
// with psql and pg_dump): both scripts took that folder for a server, installed nothing, and the
// suite would have stopped at initdb with a shell error. Each script runs here against a copy of
// that layout (its path swapped for a scratch folder) with apt-get recorded instead of run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-pg-check-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A machine with PostgreSQL's client only, and every other package the suite needs. */
function clientOnlyMachine(name) {
  const base = path.join(dir, name);
  const pg = path.join(base, "postgresql");
  const bin = path.join(base, "bin");
  fs.mkdirSync(path.join(pg, "15/bin"), { recursive: true });
  fs.writeFileSync(path.join(pg, "15/bin/psql"), "#!/bin/bash\n", { mode: 0o755 });
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ["ls", "sort", "tail", "dirname", "mkdir", "printf", "chmod"]) {
    const real = execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    fs.symlinkSync(real, path.join(bin, tool));
  }
  for (const present of ["chromium", "pdftotext", "openssl"]) fs.writeFileSync(path.join(bin, present), "#!/bin/bash\n", { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "id"), "#!/bin/bash\necho 0\n", { mode: 0o755 });
  // apt-get installing postgresql puts the server beside the client.
  fs.writeFileSync(
    path.join(bin, "apt-get"),
    `#!/bin/bash\necho "$*" >> "${base}/apt-calls"\n[[ " $* " == *" install "* && " $* " == *" postgresql "* ]] && printf '#!/bin/bash\\n' > "${pg}/15/bin/initdb" && chmod +x "${pg}/15/bin/initdb"\nexit 0\n`,
    { mode: 0o755 },
  );
  return { base, pg, bin, aptCalls: () => (fs.existsSync(path.join(base, "apt-calls")) ? fs.readFileSync(path.join(base, "apt-calls"), "utf8") : "") };
}

const scriptFor = (file, pg) => fs.readFileSync(path.join(root, file), "utf8").replaceAll("/usr/lib/postgresql", pg);

describe("PostgreSQL's client without its server", () => {
  it("npm test's package step installs postgresql", () => {
    const m = clientOnlyMachine("packages");
    const script = path.join(m.base, "ensure-system-packages.sh");
    fs.writeFileSync(script, scriptFor("scripts/ensure-system-packages.sh", m.pg));
    const out = execFileSync("/bin/bash", [script], { env: { PATH: m.bin }, encoding: "utf8" });
    expect(out).toContain("installing postgresql");
    expect(m.aptCalls()).toMatch(/^install .*\bpostgresql$/m);
  });

  it("the PostgreSQL helper installs the server and then finds it", () => {
    const m = clientOnlyMachine("helper");
    const text = scriptFor("scripts/postgres-local.sh", m.pg);
    const fn = (name) => text.slice(text.indexOf(`\n${name}() {`), text.indexOf("\n}\n", text.indexOf(`\n${name}() {`)) + 3);
    const out = execFileSync("/bin/bash", ["-c", `set -euo pipefail\n${fn("pg_bin")}\n${fn("ensure_installed")}\nensure_installed\necho "BIN=$(pg_bin)"`], {
      env: { PATH: m.bin },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(m.aptCalls()).toMatch(/\binstall\b.*\bpostgresql$/m);
    expect(out.trim()).toBe(`BIN=${m.pg}/15/bin`);
  });
});
