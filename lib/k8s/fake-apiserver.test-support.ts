// Test support for the kubeconfig tests: an HTTPS "API server" on 127.0.0.1
// that records every request (headers, client certificate), an HTTP proxy
// that records every connection attempt, a credential plugin script, and the
// same load-and-ask-the-version path "Test connection" takes. Needs openssl.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { stringify } from "yaml";
import { makeClusterClient, withTimeout } from "./client";
import { loadKubeConfig } from "./kubeconfig";

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** CN of the client certificate the caller presented, if any. */
  clientCn?: string;
}

export interface FakeApiserver {
  url: string;
  /** The server's certificate, base64 (for certificate-authority-data). */
  caData: string;
  /** A client certificate and key (CN=inline-client), base64, for client-certificate-data/client-key-data. */
  client: { certData: string; keyData: string };
  seen: Seen[];
  close(): Promise<void>;
}

/** A scratch directory, removed by the caller. */
export const scratch = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function selfSigned(dir: string, name: string, cn: string, san?: string): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${cn}`];
  execFileSync("openssl", san ? [...args, "-addext", `subjectAltName=${san}`] : args, { stdio: "ignore" });
  return { cert: fs.readFileSync(cert, "utf8"), key: fs.readFileSync(key, "utf8") };
}

/** Starts the recording API server; it answers GET /version like Kubernetes. */
export async function startFakeApiserver(dir: string): Promise<FakeApiserver> {
  const server = selfSigned(dir, "apiserver", "127.0.0.1", "IP:127.0.0.1");
  const client = selfSigned(dir, "client", "inline-client");
  const seen: Seen[] = [];
  const srv = https.createServer({ cert: server.cert, key: server.key, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, clientCn: peer?.subject?.CN as string | undefined });
    res.setHeader("Content-Type", "application/json");
    if (req.url === "/version") return void res.end(JSON.stringify({ major: "1", minor: "33", gitVersion: "v1.33.0-fake" }));
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: "Status", message: "not here" }));
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  return {
    url: `https://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    caData: b64(server.cert),
    client: { certData: b64(client.cert), keyData: b64(client.key) },
    seen,
    close: () => new Promise<void>((resolve) => (srv.closeAllConnections(), srv.close(() => resolve()))),
  };
}

/** An HTTP proxy that answers nothing useful and records every request or CONNECT it gets. */
export async function startFakeProxy(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const srv = http.createServer((req, res) => (hits.push(`${req.method} ${req.url}`), res.writeHead(502).end()));
  srv.on("connect", (req, socket) => (hits.push(`CONNECT ${req.url}`), socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n")));
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, hits, close: () => new Promise<void>((resolve) => (srv.closeAllConnections(), srv.close(() => resolve()))) };
}

/**
 * Writes an executable credential plugin: it prints an ExecCredential whose
 * token is `plugin:<$1>:<$PLUGIN_REGION>:<$FIREDRILL_SECRET_KEY or none>`, so
 * a test sees its arguments and environment at the API server.
 */
export function writePlugin(dir: string, name = "cred-plugin"): string {
  const file = path.join(dir, name);
  const body = '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"plugin:%s:%s:%s"}}';
  fs.writeFileSync(file, `#!/bin/sh\nprintf '${body}' "$1" "\${PLUGIN_REGION:-unset}" "\${FIREDRILL_SECRET_KEY:-none}"\n`, { mode: 0o755 });
  return file;
}

/** A one-context kubeconfig for the fake API server with `user` as its credentials. */
export function kubeconfigFor(api: FakeApiserver, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "target", cluster: { server: api.url, "certificate-authority-data": api.caData, ...cluster } }],
    users: [{ name: "attacker", user }],
    contexts: [{ name: "ctx", context: { cluster: "target", user: "attacker" } }],
    "current-context": "ctx",
  });
}

/** What "Test connection" does first: load the stored kubeconfig and ask the server version. */
export async function connect(kubeconfig: string): Promise<string | undefined> {
  const kc = loadKubeConfig({ kubeconfig, context: null, inCluster: false });
  const v = await withTimeout(makeClusterClient(kc).version.getCode(), 8000, "asking the server version");
  return v.gitVersion;
}

/** Runs `fn` and returns what it threw (undefined if it did not). */
export async function thrown(fn: () => unknown): Promise<(Error & { code?: string; fieldErrors?: Record<string, string> }) | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Every header value any request carried, joined: to look for a secret anywhere in them. */
export const allHeaders = (seen: Seen[]) => seen.map((s) => JSON.stringify(s.headers)).join("\n");
