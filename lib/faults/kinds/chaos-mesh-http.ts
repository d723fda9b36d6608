import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { milliseconds } from "../param-fields";

/**
 * Chaos Mesh HTTPChaos: aborts or delays requests to the selected pods, or
 * replaces the status of their responses. Revert deletes the HTTPChaos.
 */
export const chaosMeshHttp = chaosMeshFault({
  kind: "chaos-mesh-http",
  label: "Chaos Mesh HTTPChaos",
  description: "HTTPChaos: abort or delay HTTP requests to the selected pods, or replace the status of their responses.",
  params: z.object({
    action: z.enum(["abort", "delay", "replace-status"]).default("abort").meta({ title: "Fault" }),
    delayMs: milliseconds("Delay (ms), for delay", 1000, 1),
    statusCode: z.coerce.number({ error: "The status must be a number." }).int().min(100, "An HTTP status is 100–599.").max(599, "An HTTP status is 100–599.").default(503).meta({ title: "Response status, for replace-status" }),
    port: z.coerce.number({ error: "The port must be a number." }).int().min(1, "A port is 1–65535.").max(65535, "A port is 1–65535.").default(80).meta({ title: "Port the pods serve HTTP on" }),
    path: z.string().trim().min(1, "Enter a path, or * for all.").max(300).default("*").meta({ title: "Path (wildcards allowed)" }),
  }),
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
