// Test support for the outbound guard's tests (here and in lib/notifications,
// lib/tickets, lib/metrics): local servers on 127.0.0.1 (random ports) that
// play the attacker's part — a service that must never be reached, a
// redirect to it, an endless answer, a trickle — and count every TCP
// connection they accept, so a test can assert that none was made.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** TCP connections accepted (also counts TLS attempts and requests never completed). */
  connections: number;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a random port. */
export async function startLocalServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, s) => s.end("ok")): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    state.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    handle(req, res);
  });
  const state: LocalServer = { url: "", port: 0, connections: 0, requests: [], close: async () => undefined };
  server.on("connection", (s) => {
    state.connections++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** Answers every request with a redirect to `location`. */
export const redirectTo =
  (location: string, status = 302) =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { location });
    res.end();
  };

/**
 * Answers 200 with a JSON document that never ends: 64 KiB of spaces every
 * 5 ms (about 12 MB/s, so a client without a cap grows without bound but the
 * test process survives until the client's own deadline).
 */
export const endlessJson = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"status":"success","data":');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const t = setInterval(() => res.write(chunk), 5);
  res.on("close", () => clearInterval(t));
};

/** Answers 200 and then one byte every 300 ms, never finishing: never idle, never done. */
export const trickle = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write("{");
  const t = setInterval(() => res.write(" "), 300);
  res.on("close", () => clearInterval(t));
};

/** Answers with a status and a body that must never be shown to anyone. */
export const answerWith =
  (status: number, body: string, headers: Record<string, string> = { "content-type": "text/plain" }) =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, headers);
    res.end(body);
  };
