import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  action: "abort" | "delay" | "replace-status";
  delayMs: number;
  statusCode: number;
  port: number;
  path: string;
}

/**
 * Chaos Mesh HTTPChaos: aborts or delays requests to the selected pods, or
 * replaces the status of their responses. Revert deletes the HTTPChaos.
 */
export const chaosMeshHttp = chaosMeshDriver<Params>({
  kind: "chaos-mesh-http",
  crKind: "HTTPChaos",
  plural: "httpchaos",
  spec: (p) => ({
    // A status can only be replaced on the response; abort and delay act on the request.
    target: p.action === "replace-status" ? "Response" : "Request",
    port: p.port,
    path: p.path,
    ...(p.action === "abort" ? { abort: true } : {}),
    ...(p.action === "delay" ? { delay: `${p.delayMs}ms` } : {}),
    ...(p.action === "replace-status" ? { replace: { code: p.statusCode } } : {}),
  }),
});
