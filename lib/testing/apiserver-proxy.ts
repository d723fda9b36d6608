// An HTTP proxy in front of the test bed's API server, for cluster tests that
// need a slow, failing or dead API server. Firedrill talks plain HTTP to it
// (a kubeconfig with insecure-skip-tls-verify, as @kubernetes/client-node
// requires for http://); the proxy forwards each request over TLS as the
// "firedrill" identity (its client certificate), so RBAC applies as usual.
// Hooks see each request's method and path and may delay it, hold it forever
// (a dead API server) or act after the answer before it goes back.
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";

export interface ProxiedRequest {
  method: string;
  /** The path without the query, e.g. /apis/apps/v1/namespaces/demo/deployments/catalog/scale. */
  route: string;
  query: URLSearchParams;
  /** True for server-side dry runs (?dryRun=All), which change nothing. */
  dryRun: boolean;
}

type BeforeResult = void | "hang" | { status: number; message: string };

export interface ProxyHooks {
  /**
   * Runs before forwarding; may wait (a slow API server), answer "hang" (a dead one: never
   * forwarded, never answered) or answer in the API server's place (e.g. a 403 of stricter RBAC).
   */
  before?: (req: ProxiedRequest) => Promise<BeforeResult> | BeforeResult;
  /** Runs after the API server answered, before the answer goes back to Firedrill. */
  after?: (req: ProxiedRequest, status: number) => Promise<void> | void;
}

export interface ApiserverProxy {
  url: string;
  /** A kubeconfig (YAML) pointing at the proxy, for createConnection. */
  kubeconfig: string;
  hooks: ProxyHooks;
  /** Every request seen: when it arrived, when it was forwarded and what the API server answered. */
  log: { method: string; route: string; dryRun: boolean; arrived: number; forwarded: number | null; status: number | null }[];
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 in front of the API server of `kubeconfigFile` (its current context and user). */
export async function startApiserverProxy(kubeconfigFile: string): Promise<ApiserverProxy> {
  const upstream = new KubeConfig();
  upstream.loadFromFile(kubeconfigFile);
  const tls: https.RequestOptions = {};
  await upstream.applyToHTTPSOptions(tls);
  const agent = new https.Agent({ ca: tls.ca, cert: tls.cert, key: tls.key, keepAlive: true });
  const target = new URL(upstream.getCurrentCluster()!.server);
  const sockets = new Set<Socket>();
  const proxy: ApiserverProxy = { url: "", kubeconfig: "", hooks: {}, log: [], close: async () => undefined };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://proxy");
    const info: ProxiedRequest = { method: req.method ?? "GET", route: url.pathname, query: url.searchParams, dryRun: url.searchParams.has("dryRun") };
    const entry = { method: info.method, route: info.route, dryRun: info.dryRun, arrived: Date.now(), forwarded: null as number | null, status: null as number | null };
    proxy.log.push(entry);
    const early = await proxy.hooks.before?.(info);
    if (early === "hang") return; // the socket stays open, unanswered
    if (early) {
      entry.status = early.status;
      res.writeHead(early.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message: early.message, code: early.status }));
      return;
    }
    const headers = { ...req.headers };
    delete headers.authorization;
    delete headers.host;
    delete headers.connection;
    entry.forwarded = Date.now();
    const upstreamReq = https.request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent },
      async (up) => {
        const body: Buffer[] = [];
        for await (const c of up) body.push(c as Buffer);
        entry.status = up.statusCode ?? 0;
        await proxy.hooks.after?.(info, entry.status);
        const out = { ...up.headers };
        delete out["transfer-encoding"];
        delete out.connection;
        const payload = Buffer.concat(body);
        out["content-length"] = String(payload.length);
        res.writeHead(up.statusCode ?? 502, out);
        res.end(payload);
      },
    );
    upstreamReq.on("error", (e) => {
      entry.status = 502;
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`proxy: ${e.message}`);
    });
    upstreamReq.end(Buffer.concat(chunks));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: proxy\n  cluster:\n    server: ${proxy.url}\n    insecure-skip-tls-verify: true`,
    "users:",
    "- name: proxy\n  user:\n    token: via-proxy",
    "contexts:",
    "- name: proxy\n  context:\n    cluster: proxy\n    user: proxy",
    "current-context: proxy",
    "",
  ].join("\n");
  proxy.close = async () => {
    for (const s of sockets) s.destroy();
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
