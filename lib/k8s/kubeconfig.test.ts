// A pasted kubeconfig is attacker input: it must not run a program, read a
// file or change the environment of Firedrill's server. Each test pastes a
// hostile kubeconfig, then also loads it the way a connection stored before the
// policy would be loaded and makes the request "Test connection" makes first,
// and checks the server side: no file created, no secret at the listener.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { allHeaders, connect, kubeconfigFor, scratch, startFakeApiserver, startFakeProxy, thrown, type FakeApiserver } from "./fake-apiserver.test-support";
import { loadKubeConfig, parseKubeconfig } from "./kubeconfig";

const dir = scratch("firedrill-kubeconfig-");
const SECRET = "master-key-0123456789abcdef-do-not-leak";
const secretFile = path.join(dir, ".secret-key");
fs.writeFileSync(secretFile, SECRET);
let api: FakeApiserver;

beforeAll(async () => {
  api = await startFakeApiserver(dir);
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Pastes the kubeconfig, then loads and uses it as a stored connection; returns both errors. */
async function attack(text: string) {
  const pasted = await thrown(() => parseKubeconfig(text));
  const stored = await thrown(() => connect(text));
  return { pasted, stored };
}

describe("a pasted kubeconfig cannot run programs on the server", () => {
  it("refuses exec {command: touch} and the file is never created, pasted or stored", async () => {
    const marker = path.join(dir, "created-by-exec");
    const { pasted, stored } = await attack(kubeconfigFor(api, { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "touch", args: [marker] } }));
    expect(fs.existsSync(marker)).toBe(false);
    expect(pasted).toMatchObject({ name: "AppError", code: "BAD_INPUT" });
    expect(pasted?.fieldErrors?.kubeconfig).toMatch(/User "attacker".*"touch".*FIREDRILL_KUBECONFIG_EXEC_COMMANDS/);
    expect(stored).toMatchObject({ name: "AppError", code: "FORBIDDEN" });
    expect(stored?.message).toMatch(/delete the connection and add the cluster again/);
  });

  it("refuses auth-provider cmd-path (gcp and azure run it through a shell) and nothing runs", async () => {
    for (const name of ["gcp", "azure"]) {
      const marker = path.join(dir, `created-by-${name}`);
      const { pasted, stored } = await attack(kubeconfigFor(api, { "auth-provider": { name, config: { "cmd-path": "sh", "cmd-args": `-c 'touch ${marker}'`, "token-key": "{.t}", "expiry-key": "{.e}" } } }));
      expect(fs.existsSync(marker)).toBe(false);
      expect(pasted?.fieldErrors?.kubeconfig).toMatch(new RegExp(`User "attacker": auth-provider "${name}" is refused`));
      expect(stored).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("refuses an exec plugin hidden behind a YAML merge key or another spelling", async () => {
    const marker = path.join(dir, "created-by-merge");
    const exec = { apiVersion: "client.authentication.k8s.io/v1", command: "touch", args: [marker] };
    // The anchor comes first (YAML needs it before the alias); `<<` merges it into the user.
    const merged = `x-anchor: &hostile\n  exec: ${JSON.stringify(exec)}\n${kubeconfigFor(api, {})}`.replace("user: {}", "user:\n      <<: *hostile");
    for (const text of [merged, kubeconfigFor(api, { Exec: exec })]) {
      const { pasted, stored } = await attack(text);
      expect(fs.existsSync(marker)).toBe(false);
      expect(pasted).toMatchObject({ code: "BAD_INPUT" });
      expect(stored).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("a pasted kubeconfig cannot read the server's files", () => {
  it("refuses token-file and the listener never receives the secret", async () => {
    const before = api.seen.length;
    const { pasted, stored } = await attack(kubeconfigFor(api, { "token-file": secretFile }));
    expect(allHeaders(api.seen.slice(before))).not.toContain(SECRET);
    expect(pasted?.fieldErrors?.kubeconfig).toMatch(/User "attacker": "token-file" names a file on the Firedrill server, which is never read.*"token"/);
    expect(stored).toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses every spelling and place a file can be named: tokenFile, auth-provider tokenFile, client-key, client-certificate, certificate-authority", async () => {
    const before = api.seen.length;
    const hostile = [
      kubeconfigFor(api, { tokenFile: secretFile }),
      kubeconfigFor(api, { "auth-provider": { name: "file", config: { tokenFile: secretFile } } }),
      kubeconfigFor(api, { "client-certificate": secretFile, "client-key": secretFile }),
      kubeconfigFor(api, { token: "inline" }, { "certificate-authority": secretFile }),
      kubeconfigFor(api, { token: "inline" }, { certificateAuthority: secretFile }),
    ];
    const results = [];
    for (const text of hostile) results.push(await attack(text));
    expect(allHeaders(api.seen.slice(before))).not.toContain(SECRET);
    for (const { pasted, stored } of results) {
      expect(pasted?.fieldErrors?.kubeconfig).toMatch(/(User "attacker"|Cluster "target"): .*(names a file|auth-provider)/);
      expect(stored).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("keeps a __proto__ key from smuggling token-file to client-node (a guard: js-yaml 4 does not fall for it either)", async () => {
    const before = api.seen.length;
    const text = kubeconfigFor(api, {}).replace("user: {}", `user:\n      __proto__:\n        token-file: ${secretFile}`);
    await thrown(() => connect(text));
    expect(api.seen.length).toBeGreaterThan(before); // the request was made…
    expect(allHeaders(api.seen.slice(before))).not.toContain(SECRET); // …without the file's content
  });
});

describe("a pasted kubeconfig cannot change the server's environment or route through a proxy", () => {
  it("refuses exec.env and never writes it into process.env", async () => {
    const { pasted, stored } = await attack(kubeconfigFor(api, { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "true", env: [{ name: "FIREDRILL_PWNED", value: "1" }, { name: "NODE_OPTIONS", value: "--require /tmp/x.js" }] } }));
    expect(process.env.FIREDRILL_PWNED).toBeUndefined();
    expect(process.env.NODE_OPTIONS ?? "").not.toContain("/tmp/x.js");
    expect(pasted?.fieldErrors?.kubeconfig).toMatch(/exec.env sets FIREDRILL_PWNED, which the operator has not allowed.*FIREDRILL_KUBECONFIG_EXEC_ENV/);
    expect(pasted?.fieldErrors?.kubeconfig).toMatch(/exec.env sets NODE_OPTIONS.*no setting allows it/);
    expect(stored).toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses proxy-url unless the operator lists it, and the proxy is never contacted", async () => {
    const proxy = await startFakeProxy();
    try {
      const results = [];
      for (const cluster of [{ "proxy-url": proxy.url }, { proxyUrl: proxy.url }]) results.push(await attack(kubeconfigFor(api, { token: "inline" }, cluster)));
      expect(proxy.hits).toEqual([]);
      for (const { pasted, stored } of results) {
        expect(pasted?.fieldErrors?.kubeconfig).toMatch(/Cluster "target": "proxy-?[uU]rl" .*FIREDRILL_KUBECONFIG_PROXY_URLS/);
        expect(stored).toMatchObject({ code: "FORBIDDEN" });
      }
      vi.stubEnv("FIREDRILL_KUBECONFIG_PROXY_URLS", `${proxy.url}/`);
      expect(parseKubeconfig(kubeconfigFor(api, { token: "inline" }, { "proxy-url": proxy.url })).currentContext).toBe("ctx");
      await thrown(() => connect(kubeconfigFor(api, { token: "inline" }, { "proxy-url": proxy.url })));
      expect(proxy.hits.length).toBeGreaterThan(0); // allowed: the request goes through the listed proxy
    } finally {
      await proxy.close();
    }
  });
});

describe("stored kubeconfigs are judged on every load", () => {
  it("refuses to load one saved before the policy, naming the entry and the fix", () => {
    const text = kubeconfigFor(api, { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "touch", args: [path.join(dir, "x")] } });
    const error = (() => {
      try {
        loadKubeConfig({ kubeconfig: text, context: "ctx", inCluster: false });
      } catch (e) {
        return e as { code?: string; message: string };
      }
    })();
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(error?.message).toMatch(/stored kubeconfig is refused.*User "attacker".*delete the connection/);
  });
});

describe("inline credentials still work", () => {
  it("connects with token + certificate-authority-data and sends the token", async () => {
    const text = kubeconfigFor(api, { token: "inline-token-123" });
    expect(parseKubeconfig(text)).toEqual({ contexts: [{ name: "ctx", cluster: "target", user: "attacker", namespace: undefined }], currentContext: "ctx" });
    expect(await connect(text)).toBe("v1.33.0-fake");
    expect(api.seen.at(-1)?.headers.authorization).toBe("Bearer inline-token-123");
  });

  it("connects with client-certificate-data/client-key-data (the test bed's kind of identity, flattened)", async () => {
    expect(await connect(kubeconfigFor(api, { "client-certificate-data": api.client.certData, "client-key-data": api.client.keyData }))).toBe("v1.33.0-fake");
    expect(api.seen.at(-1)?.clientCn).toBe("inline-client");
  });

  it("connects with username/password (basic auth) and keeps multi-context kubeconfigs", async () => {
    const text = stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "a", cluster: { server: api.url, "certificate-authority-data": api.caData } }, { name: "b", cluster: { server: "https://127.0.0.1:1", "insecure-skip-tls-verify": true } }],
      users: [{ name: "basic", user: { username: "ada", password: "pw" } }, { name: "t", user: { token: "x" } }],
      contexts: [{ name: "one", context: { cluster: "a", user: "basic", namespace: "demo" } }, { name: "two", context: { cluster: "b", user: "t" } }],
      "current-context": "two",
    });
    expect(parseKubeconfig(text).contexts.map((c) => c.name)).toEqual(["one", "two"]);
    const kc = loadKubeConfig({ kubeconfig: text, context: "one", inCluster: false });
    expect(kc.getCurrentCluster()?.server).toBe(api.url);
    await (await import("./client")).makeClusterClient(kc).version.getCode();
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from("ada:pw").toString("base64")}`);
  });
});
