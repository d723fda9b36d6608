// Issue 12 as filed: on a machine that had never run the bed, `npm test` stopped with
// "…/apt-prometheus.log: No such file or directory", because the bed sent apt-get's output
// into its cache folder before anything had created that folder. Runs the bed's own
// installer function (read from testbed.sh, not copied) with HOME's cache absent, no
// prometheus on PATH and apt-get recorded instead of run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-apt-log-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text of one shell function of testbed.sh, from its name to the closing brace at column 0. */
function shellFunction(name) {
  const text = fs.readFileSync(path.join(root, "e2e/testbed/testbed.sh"), "utf8");
  const start = text.indexOf(`\n${name}() {`);
  expect(start, `testbed.sh defines ${name}`).toBeGreaterThan(-1);
  const end = text.indexOf("\n}\n", start);
  return text.slice(start, end + 3);
}

function freshMachine() {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ["cat", "chmod", "grep", "mkdir", "printf", "rm", "tail"]) {
    const real = execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    fs.symlinkSync(real, path.join(bin, tool));
  }
  fs.writeFileSync(path.join(bin, "id"), "#!/bin/bash\necho 0\n", { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "pgrep"), "#!/bin/bash\nexit 1\n", { mode: 0o755 });
  // apt-get "installs" prometheus: it records the call, prints like apt and puts the command on PATH.
  fs.writeFileSync(
    path.join(bin, "apt-get"),
    `#!/bin/bash\necho "$*" >> "${dir}/apt-calls"\necho "Setting up prometheus"\nprintf '#!/bin/bash\\n' > "${bin}/prometheus"; chmod +x "${bin}/prometheus"\n`,
    { mode: 0o755 },
  );
  return bin;
}

describe("the test bed installing Prometheus on a fresh machine", () => {
  it("creates its cache folder before apt-get's log goes into it", () => {
    const bin = freshMachine();
    const cache = path.join(dir, "home/.cache/firedrill-testbed");
    // The package's postinst guard is written where this test can see it, not in /usr/sbin.
    const fn = shellFunction("ensure_debian_daemon").replaceAll("/usr/sbin/policy-rc.d", `${dir}/policy-rc.d`);
    const script = `set -euo pipefail
      log() { echo "LOG $*"; }; die() { echo "DIE $*"; exit 1; }
      CACHE_ROOT="${cache}"
      ${fn}
      ensure_debian_daemon prometheus prometheus && echo OK`;
    let out;
    try {
      out = execFileSync("/bin/bash", ["-c", script], { env: { PATH: bin }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      out = `${e.stdout}${e.stderr}`;
    }
    expect(out).not.toContain("No such file or directory");
    expect(out).not.toContain("DIE");
    expect(out).toContain("OK");
    expect(fs.readFileSync(path.join(dir, "apt-calls"), "utf8")).toMatch(/\binstall\b.*\bprometheus$/m);
    expect(fs.readFileSync(path.join(cache, "apt-prometheus.log"), "utf8")).toContain("Setting up prometheus");
    expect(fs.existsSync(path.join(dir, "policy-rc.d")), "the postinst guard is removed again").toBe(false);
  });
});
