import "server-only";
import type { ClusterFault, FaultKind, PeopleKind } from "./fault-module";
import { peopleStaycation } from "./kinds/people-staycation";
import { peopleLiarLiar } from "./kinds/people-liar-liar";
import { peopleSlowLane } from "./kinds/people-slow-lane";
import { peopleInsideJob } from "./kinds/people-inside-job";
import { podKill } from "./kinds/pod-kill";
import { scaleDown } from "./kinds/scale-down";
import { nodeDrain } from "./kinds/node-drain";
import { networkPartition } from "./kinds/network-partition";
import { rolloutRestart } from "./kinds/rollout-restart";
import { networkDelay } from "./kinds/network-delay";
import { stress } from "./kinds/stress";
import { chaosMeshPod } from "./kinds/chaos-mesh-pod";
import { chaosMeshNetwork } from "./kinds/chaos-mesh-network";
import { chaosMeshHttp } from "./kinds/chaos-mesh-http";
import { chaosMeshStress } from "./kinds/chaos-mesh-stress";
import { chaosMeshIo } from "./kinds/chaos-mesh-io";
import { chaosMeshTime } from "./kinds/chaos-mesh-time";
import { chaosMeshDns } from "./kinds/chaos-mesh-dns";
import { istioFaultKind } from "./kinds/istio-fault";
import { litmusEngine } from "./kinds/litmus-engine";

/**
 * The only list of fault kinds, in catalog order. Adding a kind = one module
 * in lib/faults/kinds/ + one line here; the authoring catalog, the forms,
 * experiment validation, "Test connection", the engine, the sweeper and the
 * conformance tests all read this list.
 */
const FAULTS: readonly (PeopleKind | ClusterFault)[] = [
  // People: the "teams as distributed systems" games.
  peopleStaycation,
  peopleLiarLiar,
  peopleSlowLane,
  peopleInsideJob,
  // Kubernetes API only.
  podKill,
  scaleDown,
  nodeDrain,
  networkPartition,
  rolloutRestart,
  networkDelay,
  stress,
  // Chaos Mesh: every field written is checked against the installed CRDs by
  // lib/faults/crd-params/crd-conformance.cluster.test.ts.
  chaosMeshPod,
  chaosMeshNetwork,
  chaosMeshHttp,
  chaosMeshStress,
  chaosMeshIo,
  chaosMeshTime,
  chaosMeshDns,
  // Istio.
  istioFaultKind,
  // LitmusChaos.
  litmusEngine,
];

const BY_KIND = new Map(FAULTS.map((k) => [k.kind, k]));

const isCluster = (k: PeopleKind | ClusterFault): k is ClusterFault => k.backend !== "people";

/** All fault kinds, in catalog order: what authoring (forms, import/export) sees. */
export function listFaultKinds(): readonly FaultKind[] {
  return FAULTS;
}

/** A kind for authoring, or undefined. */
export function findFaultKind(kind: string): FaultKind | undefined {
  return BY_KIND.get(kind);
}

/** True for people experiments, which run as timed manual experiments without a cluster. */
export function isPeopleKind(kind: string): boolean {
  return BY_KIND.get(kind)?.backend === "people";
}

/** Every kind that acts on a cluster, with its verbs. */
export function clusterFaults(): ClusterFault[] {
  return FAULTS.filter(isCluster);
}

/** The cluster kind with its verbs, or undefined (people kinds and unknown kinds have none). */
export function findClusterFault(kind: string): ClusterFault | undefined {
  const k = BY_KIND.get(kind);
  return k && isCluster(k) ? k : undefined;
}
