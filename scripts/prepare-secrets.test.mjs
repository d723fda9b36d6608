// Issue 13, finding 8: the secret files were written with the default umask
// (world-readable) in a world-readable data/. Runs the part of `npm start`
// that makes them, in a scratch folder, under a permissive umask.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-secrets-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = () => {
  const env = { ...process.env };
  delete env.NEXTAUTH_SECRET;
  delete env.FIREDRILL_SECRET_KEY;
  return execFileSync("bash", ["-c", `umask 022; source "${root}/scripts/prepare-secrets.sh"; echo "$FIREDRILL_SECRET_KEY"`], { cwd: dir, env, encoding: "utf8" }).trim();
};
const mode = (p) => (fs.statSync(path.join(dir, p)).mode & 0o777).toString(8);

describe("the secrets npm start writes", () => {
  it("are readable by this user only: data/ 0700, both files 0600, even from a world-readable start", () => {
    fs.mkdirSync(path.join(dir, "data"), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "data/.auth-secret"), "an older install's secret", { mode: 0o644 });
    const key = run();
    expect(mode("data")).toBe("700");
    expect(mode("data/.auth-secret")).toBe("600");
    expect(mode("data/.secret-key")).toBe("600");
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    // The same key on the next start: it encrypts what the database holds.
    expect(run()).toBe(key);
  });
});
