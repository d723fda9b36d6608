// Issue 12, found again by rehearsing a fresh machine: `npm test` stopped at the test
// bed with "the real node needs ip, which is not installed" although the node runs as
// root and could install it, as it already did for runc. Runs the node's prerequisite
// check on a PATH that has no ip, gcc or runc, with apt-get recorded instead of run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-node-prereqs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function machineWithout() {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  // Only what the check itself needs; no ip, gcc or runc.
  for (const tool of ["grep", "mkdir", "tail", "cut", "sha256sum", "cat"]) {
    const real = execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    fs.symlinkSync(real, path.join(bin, tool));
  }
  fs.writeFileSync(path.join(bin, "id"), "#!/bin/bash\necho 0\n", { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "apt-get"), `#!/bin/bash\necho "$*" >> "${dir}/apt-calls"\n`, { mode: 0o755 });
  return bin;
}

describe("the test bed's real node on a fresh machine", () => {
  it("installs ip, gcc and runc from Debian instead of stopping", () => {
    const bin = machineWithout();
    const script = `
      log() { echo "LOG $*"; }; die() { echo "DIE $*"; exit 1; }; sha() { sha256sum | cut -c1-64; }
      STATE="${dir}/state"; CACHE_ROOT="${dir}/cache"; KWOK_PORT=1; HERE="${root}/e2e/testbed"
      source "${root}/e2e/testbed/node.sh"
      need_node_host && echo OK`;
    const out = execFileSync("/bin/bash", ["-c", script], { env: { PATH: bin }, encoding: "utf8" });
    expect(out).not.toContain("DIE");
    expect(out).toContain("OK");
    const calls = fs.readFileSync(path.join(dir, "apt-calls"), "utf8");
    expect(calls).toMatch(/^install .*\biproute2 gcc libc6-dev runc$/m);
  });
});
