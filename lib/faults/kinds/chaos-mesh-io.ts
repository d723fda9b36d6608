import "server-only";
import { z } from "zod";
import { chaosMeshFault } from "../builders/chaos-mesh";
import { containerName, count, milliseconds } from "../param-fields";

/** Chaos Mesh IOChaos: latency or errors on file operations in a volume. Revert deletes the IOChaos. */
export const chaosMeshIo = chaosMeshFault({
  kind: "chaos-mesh-io",
  label: "Chaos Mesh IOChaos",
  description: "IOChaos: latency or errors on file operations in a volume of the selected pods.",
  params: z.object({
    action: z.enum(["latency", "fault"]).default("latency").meta({ title: "Action" }),
    volumePath: z.string().trim().regex(/^\/\S*$/, "Enter the volume's mount path, e.g. /data.").max(500).default("/data").meta({ title: "Volume mount path" }),
    path: z.string().trim().max(500).default("").meta({ title: "Files (glob; empty: all in the volume)" }),
    delayMs: milliseconds("Latency (ms), for latency", 100, 1),
    errno: z.coerce.number({ error: "The error number must be a number." }).int().min(1, "An errno is 1–133.").max(133, "An errno is 1–133.").default(5).meta({ title: "Error number, for fault (5 = EIO)" }),
    percent: count("Operations affected (%)", 100, 100, 1),
    containerName: containerName("Container (empty: the first)"),
  }),
  crKind: "IOChaos",
  plural: "iochaos",
  spec: (p) => ({
    action: p.action,
    volumePath: p.volumePath,
    ...(p.path ? { path: p.path } : {}),
    percent: p.percent,
    ...(p.action === "latency" ? { delay: `${p.delayMs}ms` } : { errno: p.errno }),
    ...(p.containerName ? { containerNames: [p.containerName] } : {}),
  }),
});
