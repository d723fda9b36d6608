// A "Prometheus" that accepts every request, sends its headers, then trickles
// one byte every 300 ms and never finishes the answer: a server that is up
// but hung. An idle-socket timeout never fires on it; only a total deadline
// ends such a request.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface TricklingPrometheus {
  url: string;
  /** How many requests it has received (and is still trickling to). */
  requests: number;
  close(): Promise<void>;
}

export async function startTricklingPrometheus(): Promise<TricklingPrometheus> {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const state: TricklingPrometheus = { url: "", requests: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"status":"success","data":');
    const t = setInterval(() => res.write(" "), 300);
    timers.add(t);
    res.on("close", () => {
      clearInterval(t);
      timers.delete(t);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
