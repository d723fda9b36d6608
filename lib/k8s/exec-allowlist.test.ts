// The operator's allowlist of credential plugins, attacked the ways a
// kubeconfig author would: a look-alike elsewhere on disk, `../`, relative
// paths, shell syntax, a shell or interpreter (even one the operator listed),
// and an allowed program run with other arguments.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decideExecCommand, readExecAllowlist } from "./exec-allowlist";
import { scratch, writePlugin } from "./fake-apiserver.test-support";

const bin = scratch("firedrill-allow-bin-");
const elsewhere = scratch("firedrill-allow-else-");
const plugin = writePlugin(bin, "cred-plugin");
const lookalike = writePlugin(elsewhere, "cred-plugin");
const link = path.join(elsewhere, "linked-plugin");
fs.symlinkSync(plugin, link);
const shellInDisguise = path.join(bin, "innocent-helper");
fs.symlinkSync(fs.realpathSync("/bin/sh"), shellInDisguise);
afterAll(() => [bin, elsewhere].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const allow = (list: string) => readExecAllowlist({ FIREDRILL_KUBECONFIG_EXEC_COMMANDS: list });
const decide = (command: unknown, args: string[], list: string) => decideExecCommand(command, args, allow(list), `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`);

describe("the exec plugin allowlist", () => {
  it("reads entries with optional leading arguments; unset means none", () => {
    expect(allow(" aws eks get-token , kubelogin,, ")).toEqual([
      { command: "aws", leadingArgs: ["eks", "get-token"] },
      { command: "kubelogin", leadingArgs: [] },
    ]);
    expect(readExecAllowlist({})).toEqual([]);
  });

  it("allows a listed plugin by bare name (looked up on the server's PATH) or absolute path", () => {
    expect(decide("cred-plugin", [], "cred-plugin")).toEqual({ allowed: true, path: plugin });
    expect(decide(plugin, [], "cred-plugin")).toEqual({ allowed: true, path: plugin });
    expect(decide("cred-plugin", [], plugin)).toEqual({ allowed: true, path: plugin });
    // A symlink to the very file the allowlist names runs that file: same real path.
    expect(decide(link, [], plugin)).toEqual({ allowed: true, path: link });
  });

  it("refuses everything when nothing is listed", () => {
    expect(decide("cred-plugin", [], "")).toMatchObject({ allowed: false, refusal: "not-listed", reason: expect.stringMatching(/not set, so no credential plugin may run/) });
  });

  it("refuses a command that is not listed, and a look-alike with the listed name elsewhere on disk", () => {
    expect(decide("touch", ["/tmp/x"], "cred-plugin")).toMatchObject({ allowed: false, refusal: "not-listed" });
    expect(decide(lookalike, [], "cred-plugin")).toMatchObject({ allowed: false, refusal: "not-listed" });
    expect(decide("/usr/bin/touch", [], "cred-plugin")).toMatchObject({ allowed: false, refusal: "not-listed" });
  });

  it("refuses ../ tricks, relative paths and shell syntax outright", () => {
    const traversal = `${elsewhere}/../${path.basename(bin)}/cred-plugin`;
    for (const command of [traversal, `${bin}/./cred-plugin`, `${bin}//cred-plugin`, "./cred-plugin", "bin/cred-plugin", "../cred-plugin", "cred-plugin; touch /tmp/x", "$(touch /tmp/x)", "cred-plugin x", "`id`", "cred\\plugin", "", 42]) {
      expect(decide(command, [], `cred-plugin,${plugin}`), String(command)).toMatchObject({ allowed: false, refusal: "never" });
    }
  });

  it("never runs a shell or interpreter, even one the operator listed or one renamed", () => {
    expect(decide("sh", ["-c", "touch /tmp/x"], "sh")).toMatchObject({ allowed: false, refusal: "never", reason: expect.stringMatching(/shell or interpreter/) });
    expect(decide("/bin/sh", ["-c", "id"], "/bin/sh")).toMatchObject({ allowed: false, refusal: "never" });
    expect(decide("bash", [], "bash")).toMatchObject({ allowed: false, refusal: "never" });
    expect(decide("env", ["touch", "/tmp/x"], "env")).toMatchObject({ allowed: false, refusal: "never" });
    expect(decide("python3", ["-c", "print(1)"], "python3")).toMatchObject({ allowed: false, refusal: "never" });
    expect(decide(shellInDisguise, ["-c", "id"], shellInDisguise)).toMatchObject({ allowed: false, refusal: "never" });
  });

  it("holds a listed plugin to its leading arguments", () => {
    const list = `cred-plugin eks get-token`;
    expect(decide("cred-plugin", ["eks", "get-token", "--cluster-name", "prod"], list)).toMatchObject({ allowed: true });
    expect(decide("cred-plugin", ["s3", "cp", "/etc/passwd", "s3://x"], list)).toMatchObject({ allowed: false, refusal: "arguments", reason: expect.stringMatching(/"eks get-token"/) });
    expect(decide("cred-plugin", ["eks"], list)).toMatchObject({ allowed: false, refusal: "arguments" });
  });

  it("says when a listed plugin is not installed", () => {
    expect(decide("kubelogin", ["get-token"], "kubelogin")).toMatchObject({ allowed: false, refusal: "not-installed" });
  });

  it("looks bare names up only in absolute PATH entries (an empty entry would mean the working directory)", () => {
    expect(decideExecCommand("cred-plugin", [], allow("cred-plugin"), `${path.delimiter}.${path.delimiter}relative`)).toMatchObject({ allowed: false, refusal: "not-installed" });
  });
});
