import http from "node:http";
import { perProcess } from "./per-process";

const installed = perProcess("peer-address-stamp", () => ({ done: false }));

/**
 * Stamps every incoming HTTP request with the TCP peer's address in the
 * `x-firedrill-peer` header, replacing any value the client sent under that
 * name. Next passes headers on to server actions and routes but not the
 * socket, and keeps a client-sent X-Forwarded-For as is, so without this the
 * app could only see an address the client chose (lib/auth/client-address.ts).
 * Installed once per process from instrumentation.ts, before any request.
 */
export function stampPeerAddresses(): void {
  if (installed.done) return;
  installed.done = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers["x-firedrill-peer"] = req.socket?.remoteAddress ?? "unknown";
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
