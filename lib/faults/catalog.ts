import { z } from "zod";

/**
 * Every fault kind Firedrill knows, with the zod schema of its parameters.
 * The schemas drive the authoring forms and validate stored experiments.
 * Cluster drivers (preview/apply/revert/status, one file each under
 * lib/faults/drivers/) register themselves in lib/faults/registry.ts; a kind
 * without a registered driver can be authored but not run yet. People
 * experiments need no driver: they run as timed, manual experiments.
 */
export const FAULT_BACKENDS = ["people", "kubernetes", "chaos-mesh", "istio", "litmus"] as const;
export type FaultBackend = (typeof FAULT_BACKENDS)[number];
export const BACKEND_LABELS: Record<FaultBackend, string> = {
  people: "People (no cluster action)",
  kubernetes: "Kubernetes API",
  "chaos-mesh": "Chaos Mesh",
  istio: "Istio",
  litmus: "LitmusChaos",
};

export interface FaultKind {
  kind: string;
  label: string;
  backend: FaultBackend;
  description: string;
  params: z.ZodObject;
  /** Rules read out to the room before a people experiment starts. */
  rules?: string[];
}

const person = (title: string) => z.string().trim().min(1, `Name the ${title.toLowerCase()}.`).max(80).meta({ title });
const seconds = (title: string, def: number, max = 3600) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(0, `${title} cannot be negative.`).max(max, `${title} can be at most ${max}.`).default(def).meta({ title });
const percent = (title: string, def: number) =>
  z.coerce.number({ error: `${title} must be a number.` }).min(0, `${title} must be 0–100.`).max(100, `${title} must be 0–100.`).default(def).meta({ title });
const milliseconds = (title: string, def: number, min: number) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(min, `${title} must be at least ${min}.`).max(60_000, `${title} can be at most 60000.`).default(def).meta({ title });
const count = (title: string, def: number, max: number, min = 0) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(min, `${title} must be at least ${min}.`).max(max, `${title} can be at most ${max}.`).default(def).meta({ title });
const container = (title: string) =>
  z.string().trim().max(63).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/, "A container name is lower-case letters, digits and dashes.").default("").meta({ title });
const image = z.string().trim().min(1).max(300).default("ghcr.io/alexei-led/stress-ng:latest").meta({ title: "Image", description: "Container image for the ephemeral container." });

const KINDS: FaultKind[] = [
  // People: the "teams as distributed systems" games.
  {
    kind: "people-staycation",
    label: "Staycation",
    backend: "people",
    description: "One person is unavailable for the whole experiment: no chat, no calls, no answers.",
    params: z.object({ person: person("Person on staycation"), covers: z.string().trim().max(200).default("").meta({ title: "Who covers for them" }) }),
    rules: ["The chosen person leaves the room and does not answer anything.", "Everyone else works as on a normal day.", "Write down every moment you needed them."],
  },
  {
    kind: "people-liar-liar",
    label: "Liar Liar",
    backend: "people",
    description: "One person gives plausible misinformation when asked about a topic.",
    params: z.object({ liar: person("Liar"), topic: z.string().trim().min(1, "Name the topic the liar misinforms about.").max(200).meta({ title: "Topic" }) }),
    rules: ["The liar answers questions on the topic plausibly but wrongly.", "Others may verify answers through docs, dashboards or code.", "Note how long until the misinformation was caught."],
  },
  {
    kind: "people-slow-lane",
    label: "Life in the Slow Lane",
    backend: "people",
    description: "One person answers only after a fixed delay.",
    params: z.object({ person: person("Slow person"), delayMinutes: z.coerce.number({ error: "Delay must be a number." }).int().min(1, "Delay must be at least 1 minute.").max(120, "Keep the delay under 2 hours.").default(5).meta({ title: "Answer delay (minutes)" }) }),
    rules: ["The chosen person waits the delay before every answer.", "Others decide whether to wait or work around them.", "Note decisions that were blocked."],
  },
  {
    kind: "people-inside-job",
    label: "Inside Job",
    backend: "people",
    description: "Secret, controlled sabotage agreed with the facilitator, to test procedures.",
    params: z.object({ saboteur: person("Saboteur"), plan: z.string().trim().min(1, "Describe the agreed sabotage.").max(1000).meta({ title: "Agreed sabotage (kept from the room)" }) }),
    rules: ["Only the facilitator and the saboteur know the plan.", "The sabotage is reversible and agreed in advance.", "The room follows its normal incident procedure."],
  },
  // Kubernetes API only.
  {
    kind: "pod-kill",
    label: "Kill pods",
    backend: "kubernetes",
    description: "Delete the selected pods; their controllers recreate them.",
    params: z.object({ gracePeriodSeconds: seconds("Grace period (s)", 0), force: z.boolean().default(false).meta({ title: "Force (skip graceful termination)" }) }),
  },
  {
    kind: "scale-down",
    label: "Scale down",
    backend: "kubernetes",
    description: "Scale a deployment or statefulset down; the original replica count is restored on revert.",
    params: z.object({ replicas: z.coerce.number({ error: "Replicas must be a number." }).int().min(0, "Replicas cannot be negative.").max(1000).default(0).meta({ title: "Replicas during the fault" }) }),
  },
  {
    kind: "node-drain",
    label: "Cordon and drain node",
    backend: "kubernetes",
    description: "Cordon the node and evict its pods, honouring PodDisruptionBudgets.",
    params: z.object({ drain: z.boolean().default(true).meta({ title: "Evict pods (not only cordon)" }), gracePeriodSeconds: seconds("Eviction grace period (s)", 30) }),
  },
  {
    kind: "network-partition",
    label: "Network partition",
    backend: "kubernetes",
    description: "A deny-all NetworkPolicy cuts the selected pods off.",
    params: z.object({ direction: z.enum(["ingress", "egress", "both"]).default("both").meta({ title: "Direction" }) }),
  },
  {
    kind: "rollout-restart",
    label: "Rollout restart",
    backend: "kubernetes",
    description: "Restart a deployment's pods the way `kubectl rollout restart` does.",
    params: z.object({}),
  },
  {
    kind: "network-delay",
    label: "Network delay / loss",
    backend: "kubernetes",
    description: "tc netem in an ephemeral NET_ADMIN container; reverts itself after the duration.",
    params: z.object({ latencyMs: seconds("Latency (ms)", 200, 60000), jitterMs: seconds("Jitter (ms)", 20, 60000), lossPercent: percent("Packet loss (%)", 0), image }),
  },
  {
    kind: "stress",
    label: "CPU / memory stress",
    backend: "kubernetes",
    description: "A stressor in an ephemeral container; reverts itself after the duration.",
    params: z.object({ cpuWorkers: z.coerce.number().int().min(0).max(64).default(1).meta({ title: "CPU workers" }), memoryMb: z.coerce.number().int().min(0).max(65536).default(0).meta({ title: "Memory to allocate (MiB)" }), image }),
  },
  // Chaos Mesh. Every field a driver writes is checked against the installed
  // CRD schemas by lib/faults/crd-params/crd-conformance.cluster.test.ts.
  {
    kind: "chaos-mesh-pod",
    label: "Chaos Mesh PodChaos",
    backend: "chaos-mesh",
    description: "PodChaos: kill pods, make them fail for the duration, or kill one container.",
    params: z
      .object({
        action: z.enum(["pod-kill", "pod-failure", "container-kill"]).default("pod-kill").meta({ title: "Action" }),
        gracePeriodSeconds: seconds("Grace period for pod-kill (s)", 0),
        containerName: container("Container (container-kill)"),
      })
      .refine((p) => p.action !== "container-kill" || p.containerName !== "", { path: ["containerName"], message: "Name the container to kill." }),
  },
  {
    kind: "chaos-mesh-network",
    label: "Chaos Mesh NetworkChaos",
    backend: "chaos-mesh",
    description: "NetworkChaos: delay, packet loss or a partition of the selected pods' traffic.",
    params: z
      .object({
        action: z.enum(["delay", "loss", "partition"]).default("delay").meta({ title: "Action" }),
        latencyMs: milliseconds("Latency (ms), for delay", 200, 1),
        jitterMs: milliseconds("Jitter (ms), for delay", 0, 0),
        lossPercent: percent("Loss (%), for loss", 10),
        direction: z.enum(["to", "from", "both"]).default("to").meta({ title: "Direction" }),
      })
      .refine((p) => p.action !== "loss" || p.lossPercent > 0, { path: ["lossPercent"], message: "Packet loss needs a loss above 0 %." }),
  },
  {
    kind: "chaos-mesh-http",
    label: "Chaos Mesh HTTPChaos",
    backend: "chaos-mesh",
    description: "HTTPChaos: abort or delay HTTP requests to the selected pods, or replace the status of their responses.",
    params: z.object({
      action: z.enum(["abort", "delay", "replace-status"]).default("abort").meta({ title: "Fault" }),
      delayMs: milliseconds("Delay (ms), for delay", 1000, 1),
      statusCode: z.coerce.number({ error: "The status must be a number." }).int().min(100, "An HTTP status is 100–599.").max(599, "An HTTP status is 100–599.").default(503).meta({ title: "Response status, for replace-status" }),
      port: z.coerce.number({ error: "The port must be a number." }).int().min(1, "A port is 1–65535.").max(65535, "A port is 1–65535.").default(80).meta({ title: "Port the pods serve HTTP on" }),
      path: z.string().trim().min(1, "Enter a path, or * for all.").max(300).default("*").meta({ title: "Path (wildcards allowed)" }),
    }),
  },
  {
    kind: "chaos-mesh-stress",
    label: "Chaos Mesh StressChaos",
    backend: "chaos-mesh",
    description: "StressChaos: CPU and memory stressors inside the selected pods.",
    params: z
      .object({
        cpuWorkers: count("CPU workers", 1, 8192),
        cpuLoad: count("CPU load per worker (%)", 100, 100),
        memoryWorkers: count("Memory workers", 0, 8192),
        memoryMb: z.coerce.number({ error: "Memory must be a number." }).int().min(1, "Allocate at least 1 MB.").max(1_048_576).default(256).meta({ title: "Memory per worker (MB)" }),
      })
      .refine((p) => p.cpuWorkers + p.memoryWorkers > 0, { path: ["cpuWorkers"], message: "Add at least one CPU or memory worker." }),
  },
  {
    kind: "chaos-mesh-io",
    label: "Chaos Mesh IOChaos",
    backend: "chaos-mesh",
    description: "IOChaos: latency or errors on file operations in a volume of the selected pods.",
    params: z.object({
      action: z.enum(["latency", "fault"]).default("latency").meta({ title: "Action" }),
      volumePath: z.string().trim().regex(/^\/\S*$/, "Enter the volume's mount path, e.g. /data.").max(500).default("/data").meta({ title: "Volume mount path" }),
      path: z.string().trim().max(500).default("").meta({ title: "Files (glob; empty: all in the volume)" }),
      delayMs: milliseconds("Latency (ms), for latency", 100, 1),
      errno: z.coerce.number({ error: "The error number must be a number." }).int().min(1, "An errno is 1–133.").max(133, "An errno is 1–133.").default(5).meta({ title: "Error number, for fault (5 = EIO)" }),
      percent: count("Operations affected (%)", 100, 100, 1),
      containerName: container("Container (empty: the first)"),
    }),
  },
  {
    kind: "chaos-mesh-time",
    label: "Chaos Mesh TimeChaos",
    backend: "chaos-mesh",
    description: "TimeChaos: shift the clock the selected pods see.",
    params: z.object({
      offsetSec: z.coerce
        .number({ error: "The offset must be a number." })
        .int("The offset must be whole seconds.")
        .min(-31_536_000, "Keep the offset within a year.")
        .max(31_536_000, "Keep the offset within a year.")
        .refine((n) => n !== 0, "An offset of 0 changes nothing.")
        .default(-600)
        .meta({ title: "Clock offset (s; negative: into the past)" }),
      containerName: container("Container (empty: the first)"),
    }),
  },
  {
    kind: "chaos-mesh-dns",
    label: "Chaos Mesh DNSChaos",
    backend: "chaos-mesh",
    description: "DNSChaos: DNS lookups from the selected pods fail or return random addresses (needs Chaos Mesh's DNS server).",
    params: z.object({
      action: z.enum(["error", "random"]).default("error").meta({ title: "Action" }),
      patterns: z
        .string()
        .trim()
        .max(500)
        .regex(/^\s*([a-z0-9?.-]+\*?|\*)?(\s*,\s*([a-z0-9?.-]+\*?|\*))*\s*$/i, "List domains separated by commas; a * may only end a pattern.")
        .default("")
        .meta({ title: "Domain patterns (comma-separated; empty: all)" }),
    }),
  },
  // Istio.
  {
    kind: "istio-fault",
    label: "Istio fault injection",
    backend: "istio",
    description: "VirtualService HTTP delay or abort for a percentage of requests; the original routes are restored exactly.",
    params: z.object({
      type: z.enum(["delay", "abort"]).default("abort").meta({ title: "Fault" }),
      percentage: percent("Requests affected (%)", 50),
      // Istio's CRD refuses a fixedDelay under 1ms.
      delayMs: milliseconds("Delay (ms)", 1000, 1),
      httpStatus: z.coerce.number().int().min(400, "Abort status must be 4xx or 5xx.").max(599, "Abort status must be 4xx or 5xx.").default(503).meta({ title: "Abort HTTP status" }),
    }),
  },
  // LitmusChaos.
  {
    kind: "litmus-engine",
    label: "LitmusChaos ChaosEngine",
    backend: "litmus",
    description: "Run a ChaosExperiment installed in the namespace through a ChaosEngine.",
    params: z.object({
      experiment: z.string().trim().min(1, "Name the ChaosExperiment.").max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "A ChaosExperiment name is lower-case letters, digits and dashes.").default("pod-delete").meta({ title: "ChaosExperiment" }),
      // The values the ChaosEngine CRD's appkind pattern allows.
      appKind: z.enum(["deployment", "statefulset", "daemonset", "deploymentconfig", "rollout"]).default("deployment").meta({ title: "Application kind" }),
      serviceAccount: z.string().trim().min(1, "Name the service account the experiment runs as.").max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "A service account name is lower-case letters, digits, dots and dashes.").default("litmus-admin").meta({ title: "Chaos service account" }),
    }),
  },
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

/** All fault kinds, in catalog order. */
export function listFaultKinds(): readonly FaultKind[] {
  return KINDS;
}

/** The catalog entry for a kind, or undefined. */
export function findFaultKind(kind: string): FaultKind | undefined {
  return BY_KIND.get(kind);
}

/** True for people experiments, which run as timed manual experiments without a cluster. */
export function isPeopleKind(kind: string): boolean {
  return BY_KIND.get(kind)?.backend === "people";
}
