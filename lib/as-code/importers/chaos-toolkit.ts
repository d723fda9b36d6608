import { arr, DEFAULT_DURATION_SEC, Mapper, MIN_DURATION_SEC, num, obj, str } from "./mapping";
import { parseAgo } from "./durations";

type Path = (string | number)[];
type Probe = { name: string; query: string; comparator: string; threshold: number; windowSec: number };

const PROMETHEUS = "chaosprometheus.probes";
const TOP_LEVEL = ["version", "title", "description", "steady-state-hypothesis", "method", "rollbacks"];

/**
 * A Prometheus steady-state probe with its tolerance as Firedrill probes: a
 * range [lo, hi] is two probes (≥ lo, ≤ hi), a number or a jsonpath with a
 * numeric expect is "==". Any other probe or tolerance is listed as unmapped.
 */
function mapProbe(m: Mapper, raw: unknown, at: Path): Probe[] {
  const p = obj(raw);
  const provider = obj(p.provider);
  const name = str(p.name) ?? "probe";
  if (provider.type === "http") {
    m.skip(at, { name, url: provider.url }, "Firedrill's steady-state probes are PromQL: an HTTP check has no equivalent (e.g. probe_success from the blackbox exporter as a PromQL probe).");
    return [];
  }
  if (provider.module !== PROMETHEUS || (provider.func !== "query" && provider.func !== "query_interval")) {
    m.skip(at, { name, provider: provider.module ?? provider.type, func: provider.func }, "Only Prometheus probes (chaosprometheus.probes query / query_interval) map onto Firedrill's PromQL probes.");
    return [];
  }
  const args = obj(provider.arguments);
  const query = str(args.query);
  if (!query) {
    m.skip([...at, "provider", "arguments"], args, "The probe has no query.");
    return [];
  }
  let windowSec = 60;
  if (provider.func === "query_interval") {
    const start = str(args.start) ? parseAgo(str(args.start)!) : undefined;
    if (start !== undefined && (args.end === undefined || args.end === "now")) windowSec = Math.max(1, start);
    else m.skip([...at, "provider", "arguments", "start"], { start: args.start, end: args.end }, "Firedrill evaluates a probe over the last N seconds; this interval was read as 60 s.");
  } else if (args.when !== undefined) m.skip([...at, "provider", "arguments", "when"], args.when, "Firedrill evaluates a probe at the time of the run, not in the past.");
  m.skipOthers([...at, "provider", "arguments"], args, ["query", "start", "end", "when", "step", "timeout"], (k) => `No equivalent of ${k}.`);
  m.skipOthers(at, p, ["type", "name", "provider", "tolerance"], (k) => `Firedrill's probes have no ${k}.`);
  const t = p.tolerance;
  const tol = obj(t);
  const range = Array.isArray(t) && t.length === 2 ? t : tol.type === "range" ? arr(tol.range) : null;
  if (range && num(range[0]) !== undefined && num(range[1]) !== undefined) {
    if (tol.target !== undefined) m.skip([...at, "tolerance", "target"], tol.target, "Firedrill compares the query's single value.");
    return [
      { name: `${name} ≥ ${num(range[0])}`, query, comparator: ">=", threshold: num(range[0])!, windowSec },
      { name: `${name} ≤ ${num(range[1])}`, query, comparator: "<=", threshold: num(range[1])!, windowSec },
    ];
  }
  const expect = typeof t === "number" ? t : tol.type === "jsonpath" ? num(tol.expect) : undefined;
  if (expect !== undefined) return [{ name, query, comparator: "==", threshold: expect, windowSec }];
  m.skip([...at, "tolerance"], t ?? null, "Firedrill compares a query's value with a number: this tolerance has no numeric bound.");
  return [];
}

interface Fault {
  kind: string;
  params: Record<string, unknown>;
  targets: Record<string, unknown>;
  label: string;
}

/** The Kubernetes actions of chaostoolkit-kubernetes Firedrill can run, as faults with their targets. */
function mapAction(m: Mapper, a: Record<string, unknown>, at: Path): Fault | null {
  const provider = obj(a.provider);
  const args = obj(provider.arguments);
  const ap: Path = [...at, "provider", "arguments"];
  const fn = `${String(provider.module ?? provider.type)}.${String(provider.func ?? "")}`;
  const ns = str(args.ns) ?? "default";
  switch (fn) {
    case "chaosk8s.pod.actions.terminate_pods": {
      m.skipOthers(ap, args, ["label_selector", "ns", "all", "rand", "mode", "qty", "grace_period", "order", "name_pattern"], (k) => `terminate_pods' ${k} has no equivalent.`);
      if (args.name_pattern !== undefined) m.skip([...ap, "name_pattern"], args.name_pattern, "Firedrill matches exact names, not regular expressions.");
      if (args.rand === false || args.order !== undefined) m.skip([...ap, args.order !== undefined ? "order" : "rand"], args.order ?? args.rand, "Firedrill always samples pods at random.");
      const qty = num(args.qty) ?? 1;
      const sample = args.all === true ? { mode: "all", value: 0 } : args.mode === "percentage" ? { mode: "percent", value: qty } : { mode: "count", value: qty };
      const grace = num(args.grace_period);
      return { kind: "pod-kill", params: grace !== undefined && grace >= 0 ? { gracePeriodSeconds: grace } : {}, targets: { namespace: ns, labelSelector: str(args.label_selector) ?? "", sample }, label: "terminate pods" };
    }
    case "chaosk8s.deployment.actions.scale_deployment":
      m.skipOthers(ap, args, ["name", "replicas", "ns"], (k) => `scale_deployment's ${k} has no equivalent.`);
      return { kind: "scale-down", params: { replicas: args.replicas }, targets: { namespace: ns, owner: { kind: "Deployment", name: str(args.name) } }, label: `scale ${String(args.name)}` };
    case "chaosk8s.node.actions.drain_nodes":
    case "chaosk8s.node.actions.cordon_node": {
      const drain = fn.endsWith("drain_nodes");
      m.skipOthers(ap, args, ["name", "label_selector", "count", "timeout", "delete_pods_with_local_storage"], (k) => `${String(provider.func)}'s ${k} has no equivalent.`);
      if (args.delete_pods_with_local_storage !== undefined) m.skip([...ap, "delete_pods_with_local_storage"], args.delete_pods_with_local_storage, "Firedrill evicts pods through the Eviction API, honouring PodDisruptionBudgets.");
      if (args.timeout !== undefined) m.skip([...ap, "timeout"], args.timeout, "Firedrill's eviction grace period is a fault parameter (30 s by default).");
      const count = num(args.count);
      return {
        kind: "node-drain",
        params: { drain },
        targets: { ...(str(args.name) ? { names: [str(args.name)] } : {}), nodeSelector: str(args.label_selector) ?? "", sample: count ? { mode: "count", value: count } : { mode: "all", value: 0 } },
        label: drain ? "drain nodes" : "cordon node",
      };
    }
    default:
      m.skip(at, { name: a.name, action: fn }, "Firedrill runs the Kubernetes actions terminate_pods, scale_deployment, drain_nodes and cordon_node; this one has no equivalent.");
      return null;
  }
}

/**
 * A Chaos Toolkit experiment (JSON or YAML): the steady-state hypothesis's
 * Prometheus probes become steady-state probes; each Kubernetes action of the
 * method becomes an experiment with those probes, lasting the method's pauses.
 */
export function importChaosToolkit(m: Mapper, value: Record<string, unknown>): void {
  m.skipOthers([], value, TOP_LEVEL, (k) => (k === "configuration" ? "Firedrill queries the Prometheus configured under Settings → Metrics and the cluster picked at import." : `Firedrill has no equivalent of ${k}.`));
  const ssh = obj(value["steady-state-hypothesis"]);
  m.skipOthers(["steady-state-hypothesis"], ssh, ["title", "probes"], (k) => `No equivalent of ${k}.`);
  const probes = arr(ssh.probes).flatMap((p, i) => mapProbe(m, p, ["steady-state-hypothesis", "probes", i]));
  const faults: { f: Fault; at: Path; pause: number }[] = [];
  let pause = 0;
  arr(value.method).forEach((raw, i) => {
    const a = obj(raw);
    const at: Path = ["method", i];
    const pauses = obj(a.pauses);
    const here = (num(pauses.before) ?? 0) + (num(pauses.after) ?? 0);
    if (a.type === "probe") {
      m.skip(at, { name: a.name }, "Probes in the method only record data; Firedrill charts the steady-state probes during the run.");
      return;
    }
    m.skipOthers(at, a, ["type", "name", "provider", "pauses"], (k) => `No equivalent of ${k} on a Firedrill fault.`);
    const f = mapAction(m, a, at);
    if (f) faults.push({ f, at, pause: here });
    else pause += here;
  });
  if (str(ssh.title) && str(value.description)) m.skip(["description"], value.description, "A Firedrill experiment has a title and a hypothesis (the steady-state hypothesis's title); the description was not kept.");
  const rollbacks = arr(value.rollbacks).map((r) => str(obj(r).name) ?? str(obj(obj(r).provider).func) ?? "rollback");
  if (faults.length === 0) {
    m.skip(["method"], value.method ?? null, "The method has no action Firedrill can run: no experiment was made.");
    return;
  }
  const title = str(value.title) ?? "Chaos Toolkit experiment";
  for (const [i, { f, at, pause: own }] of faults.entries()) {
    const notes: string[] = [];
    let durationSec = own + pause;
    if (durationSec === 0) {
      durationSec = DEFAULT_DURATION_SEC;
      notes.push(`Chaos Toolkit actions have no duration and this method pauses for none: the run lasts ${DEFAULT_DURATION_SEC} s.`);
    } else if (durationSec < MIN_DURATION_SEC) {
      notes.push(`The method pauses ${durationSec} s; Firedrill's minimum is ${MIN_DURATION_SEC} s.`);
      durationSec = MIN_DURATION_SEC;
    } else notes.push(`The run lasts the method's pauses: ${durationSec} s.`);
    if (rollbacks.length) notes.push("Firedrill reverts its faults itself; the rollbacks are kept as rollback notes.");
    if (faults.length > 1) notes.push(`The method's actions target different objects: action ${i + 1} of ${faults.length} is its own experiment.`);
    m.add(
      {
        source: `Chaos Toolkit "${title}" (${f.label})`,
        draft: {
          title: faults.length > 1 ? `${title} (${f.label})` : title,
          hypothesis: str(ssh.title) ?? str(value.description) ?? `The steady state holds while we ${f.label}.`,
          faults: [{ kind: f.kind, params: f.params }],
          targets: f.targets,
          durationSec,
          steadyState: probes,
          rollbackNotes: rollbacks.length ? `Chaos Toolkit rollbacks: ${rollbacks.join(", ")}.` : "",
        },
        origins: { title: ["title"], hypothesis: ["steady-state-hypothesis", "title"], steadyState: ["steady-state-hypothesis", "probes"], "faults.0.params": [...at, "provider", "arguments"], targets: [...at, "provider", "arguments"] },
        notes,
      },
      at,
    );
  }
}
