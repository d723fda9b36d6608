import "server-only";
import { chaosMeshDriver } from "./chaos-mesh";

interface Params {
  action: "latency" | "fault";
  volumePath: string;
  path: string;
  delayMs: number;
  errno: number;
  percent: number;
  containerName: string;
}

/** Chaos Mesh IOChaos: latency or errors on file operations in a volume. Revert deletes the IOChaos. */
export const chaosMeshIo = chaosMeshDriver<Params>({
  kind: "chaos-mesh-io",
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
