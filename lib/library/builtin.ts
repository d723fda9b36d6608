import type { z } from "zod";
import type { probeSchema, targetsSchema } from "@/lib/experiments/schemas";

/** An experiment's spec as written (defaults left to the editor's schema). */
export interface LibrarySpec {
  hypothesis: string;
  durationSec: number;
  faults: { kind: string; params?: Record<string, unknown> }[];
  targets?: z.input<typeof targetsSchema>;
  steadyState?: z.input<typeof probeSchema>[];
  abortConditions?: z.input<typeof probeSchema>[];
  rollbackNotes?: string;
}

/** A ready experiment from the field's classics. */
export interface LibraryEntry {
  id: string;
  title: string;
  /** Where it comes from (Chaos Monkey, Pumba, …). */
  source: string;
  summary: string;
  /** What the cluster (or the room) must have for it to run. */
  needs: string[];
  /** The experiment, as a document's spec (validated by the editor's schema in tests and when added). */
  spec: LibrarySpec;
}

const ANY_CLUSTER = "Any cluster Firedrill is connected to; set the namespace and label selector of your service when adding it.";
const SELF_MANAGED = "A self-managed control plane (kubeadm-style static pods in kube-system, labelled component=…); managed services (EKS, GKE, AKS) do not expose it.";
const GUARDRAIL = "kube-system is protected by default: a facilitator must remove it from the cluster's protected namespaces for this GameDay, and put it back after.";
const CHAOS_MESH = "Chaos Mesh installed in the cluster (its controller and chaos-daemon; Firedrill creates the chaos objects).";

/**
 * Ready experiments: Chaos Monkey's on-demand termination, Pumba's netem
 * delay, Istio delay and abort, PowerfulSeal's classics, the Kubernetes
 * control-plane experiments and the four people games. Each names what it
 * needs; whether it can run here is decided by the fault kinds' drivers.
 */
export const BUILTIN_LIBRARY: LibraryEntry[] = [
  {
    id: "chaos-monkey-termination",
    title: "Chaos Monkey: on-demand termination",
    source: "Netflix Chaos Monkey",
    summary: "Kill one pod of the service, five times a minute apart, each round happening with probability 0.5 — Chaos Monkey's on-demand termination with count, interval and probability.",
    needs: [ANY_CLUSTER],
    spec: {
      hypothesis: "The service keeps its error rate under 1% while instances are terminated at random.",
      durationSec: 300,
      faults: [{ kind: "pod-kill", params: { gracePeriodSeconds: 0, force: false } }],
      targets: { namespace: "default", labelSelector: "app=checkout", fieldSelector: "", names: [], nodeSelector: "", sample: { mode: "count", value: 1 }, probability: 1, repeat: { count: 5, intervalSec: 60, probability: 0.5 } },
    },
  },
  {
    id: "pumba-delay-3000ms",
    title: "Pumba: 3000 ms network delay for 60 s",
    source: "Pumba (netem delay)",
    summary: "Add 3000 ms of latency to every packet the selected pods send, for 60 s, with tc netem in an ephemeral container — Pumba's `netem --duration 60s delay --time 3000`.",
    needs: [ANY_CLUSTER, "Ephemeral containers with NET_ADMIN allowed in the namespace, and a kernel with the netem qdisc."],
    spec: {
      hypothesis: "Callers time out gracefully and the service recovers within a minute of the delay ending.",
      durationSec: 60,
      faults: [{ kind: "network-delay", params: { latencyMs: 3000, jitterMs: 0, lossPercent: 0 } }],
      targets: { namespace: "default", labelSelector: "app=checkout", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "istio-delay",
    title: "Istio: delay 10% of requests by 5 s",
    source: "Istio fault injection",
    summary: "A VirtualService fault: a fixed 5 s delay for 10% of requests to the service; the original routes are restored exactly.",
    needs: ["Istio, and a VirtualService in front of the service (name it under targets)."],
    spec: {
      hypothesis: "Timeouts and retries keep the user-facing error rate under 1% while 10% of calls are slow.",
      durationSec: 120,
      faults: [{ kind: "istio-fault", params: { type: "delay", percentage: 10, delayMs: 5000 } }],
      targets: { namespace: "default", names: ["checkout"] },
    },
  },
  {
    id: "istio-abort",
    title: "Istio: abort 10% of requests with 503",
    source: "Istio fault injection",
    summary: "A VirtualService fault: 10% of requests to the service answer 503 at once.",
    needs: ["Istio, and a VirtualService in front of the service (name it under targets)."],
    spec: {
      hypothesis: "Callers retry or degrade gracefully: the user-facing error rate stays under 1%.",
      durationSec: 120,
      faults: [{ kind: "istio-fault", params: { type: "abort", percentage: 10, httpStatus: 503 } }],
      targets: { namespace: "default", names: ["checkout"] },
    },
  },
  {
    id: "powerfulseal-kill-random-pod",
    title: "PowerfulSeal: kill a random pod",
    source: "PowerfulSeal",
    summary: "Match the service's pods, take a random sample of one, kill it — PowerfulSeal's first example policy.",
    needs: [ANY_CLUSTER],
    spec: {
      hypothesis: "The service keeps answering while one of its pods is killed.",
      durationSec: 60,
      faults: [{ kind: "pod-kill", params: {} }],
      targets: { namespace: "default", labelSelector: "app=checkout", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "powerfulseal-zone-node-down",
    title: "PowerfulSeal: take down a node in one zone, then restore it",
    source: "PowerfulSeal",
    summary: "Pick one node of zone-a, cordon and drain it (PodDisruptionBudgets honoured), uncordon it at the end. PowerfulSeal stops the VM through a cloud driver; Firedrill does the Kubernetes side.",
    needs: [ANY_CLUSTER, "Nodes labelled topology.kubernetes.io/zone (set the zone in the node selector)."],
    spec: {
      hypothesis: "Losing a zone's node moves its pods elsewhere without user-facing errors.",
      durationSec: 300,
      faults: [{ kind: "node-drain", params: { drain: true } }],
      targets: { nodeSelector: "topology.kubernetes.io/zone=zone-a", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "control-plane-etcd-member-down",
    title: "Control plane: one etcd member down",
    source: "Kubernetes control-plane GameDays",
    summary: "Kill the etcd container of one control-plane node with Chaos Mesh; the kubelet restarts the static pod. The cluster should keep quorum and serve writes.",
    needs: [SELF_MANAGED, "Three or more etcd members.", CHAOS_MESH, GUARDRAIL],
    spec: {
      hypothesis: "With one etcd member down the API server keeps serving reads and writes; the member rejoins without data loss.",
      durationSec: 120,
      faults: [{ kind: "chaos-mesh-pod", params: { action: "container-kill", containerName: "etcd" } }],
      targets: { namespace: "kube-system", labelSelector: "component=etcd", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "control-plane-slow-apiserver",
    title: "Control plane: a slow API server",
    source: "Kubernetes control-plane GameDays",
    summary: "Delay the network of one kube-apiserver by 500 ms with Chaos Mesh: controllers, kubectl and webhooks see a slow API server.",
    needs: [SELF_MANAGED, CHAOS_MESH, GUARDRAIL],
    spec: {
      hypothesis: "Controllers and clients tolerate a slow API server: deployments still roll out, nothing times out for users.",
      durationSec: 180,
      faults: [{ kind: "chaos-mesh-network", params: { action: "delay", latencyMs: 500, jitterMs: 50 } }],
      targets: { namespace: "kube-system", labelSelector: "component=kube-apiserver", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "control-plane-busy-apiserver",
    title: "Control plane: a busy API server",
    source: "Kubernetes control-plane GameDays",
    summary: "Load one kube-apiserver's CPU with Chaos Mesh stressors: a busy API server answering slowly or with 429s.",
    needs: [SELF_MANAGED, CHAOS_MESH, GUARDRAIL],
    spec: {
      hypothesis: "Priority and fairness keep the control plane responsive for controllers while the API server is busy.",
      durationSec: 180,
      faults: [{ kind: "chaos-mesh-stress", params: { cpuWorkers: 4, cpuLoad: 100, memoryWorkers: 0 } }],
      targets: { namespace: "kube-system", labelSelector: "component=kube-apiserver", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "control-plane-kubelet-stops-reporting",
    title: "Control plane: a kubelet that stops reporting",
    source: "Kubernetes control-plane GameDays",
    summary: "An operator stops the kubelet on one worker node (systemctl stop kubelet) and starts it at the end; the node goes NotReady and its pods are evicted after the toleration. Firedrill has no driver that reaches a node's host, so this runs as a manual experiment: the timer, rules, observations and charts are Firedrill's, the action is the operator's.",
    needs: ["An operator with shell access to a worker node.", "No Firedrill driver can do this: it runs as a manual experiment."],
    spec: {
      hypothesis: "The node goes NotReady within the grace period, its pods are rescheduled, and users see no errors.",
      durationSec: 600,
      faults: [{ kind: "people-inside-job", params: { saboteur: "Operator with node access", plan: "Stop the kubelet on one worker node (systemctl stop kubelet) at the start; start it again at the end." } }],
    },
  },
  {
    id: "control-plane-controller-manager-leader-loss",
    title: "Control plane: controller-manager leader loss",
    source: "Kubernetes control-plane GameDays",
    summary: "Kill the leading kube-controller-manager's container with Chaos Mesh: another replica takes the lease and reconciliation resumes.",
    needs: [SELF_MANAGED, "Two or more controller-manager replicas (HA control plane).", CHAOS_MESH, GUARDRAIL],
    spec: {
      hypothesis: "A standby controller-manager takes the lease within its lease duration; deployments keep reconciling.",
      durationSec: 120,
      faults: [{ kind: "chaos-mesh-pod", params: { action: "container-kill", containerName: "kube-controller-manager" } }],
      targets: { namespace: "kube-system", labelSelector: "component=kube-controller-manager", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "control-plane-scheduler-leader-loss",
    title: "Control plane: scheduler leader loss",
    source: "Kubernetes control-plane GameDays",
    summary: "Kill the leading kube-scheduler's container with Chaos Mesh: another replica takes the lease and pending pods are scheduled.",
    needs: [SELF_MANAGED, "Two or more scheduler replicas (HA control plane).", CHAOS_MESH, GUARDRAIL],
    spec: {
      hypothesis: "A standby scheduler takes the lease within its lease duration; no pod stays Pending longer than a minute.",
      durationSec: 120,
      faults: [{ kind: "chaos-mesh-pod", params: { action: "container-kill", containerName: "kube-scheduler" } }],
      targets: { namespace: "kube-system", labelSelector: "component=kube-scheduler", sample: { mode: "count", value: 1 } },
    },
  },
  {
    id: "people-staycation",
    title: "Staycation",
    source: "Teams as distributed systems",
    summary: "One person is unavailable for the whole experiment: who else can do what they do?",
    needs: ["The room; no cluster."],
    spec: { hypothesis: "The team handles an incident without its usual expert.", durationSec: 1800, faults: [{ kind: "people-staycation", params: { person: "The on-call expert", covers: "" } }] },
  },
  {
    id: "people-liar-liar",
    title: "Liar Liar",
    source: "Teams as distributed systems",
    summary: "One person gives plausible misinformation about a topic: does the team verify what it is told?",
    needs: ["The room; no cluster."],
    spec: { hypothesis: "The team catches misinformation by checking dashboards and docs before acting.", durationSec: 1800, faults: [{ kind: "people-liar-liar", params: { liar: "A volunteer", topic: "Which service owns the checkout database" } }] },
  },
  {
    id: "people-slow-lane",
    title: "Life in the Slow Lane",
    source: "Teams as distributed systems",
    summary: "One person answers only after a delay: which decisions wait on them?",
    needs: ["The room; no cluster."],
    spec: { hypothesis: "No decision is blocked on a single slow responder.", durationSec: 1800, faults: [{ kind: "people-slow-lane", params: { person: "The team lead", delayMinutes: 5 } }] },
  },
  {
    id: "people-inside-job",
    title: "Inside Job",
    source: "Teams as distributed systems",
    summary: "Secret, controlled sabotage agreed with the facilitator, to test the team's procedures.",
    needs: ["The room; no cluster.", "A reversible sabotage agreed in advance."],
    spec: { hypothesis: "The team's incident procedure finds and reverses an unexpected change.", durationSec: 1800, faults: [{ kind: "people-inside-job", params: { saboteur: "A volunteer", plan: "Agreed with the facilitator beforehand." } }] },
  },
];
