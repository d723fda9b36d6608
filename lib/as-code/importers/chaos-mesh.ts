import { arr, Mapper, num, obj, str } from "./mapping";
import { parseGoDuration } from "./durations";
import { mapChaosMeshCommon } from "./chaos-mesh-selector";

type Path = (string | number)[];
type Params = Record<string, unknown>;

/** The Chaos Mesh kinds Firedrill drives, with their fault kind. */
export const CHAOS_MESH_KINDS: Record<string, string> = {
  PodChaos: "chaos-mesh-pod",
  NetworkChaos: "chaos-mesh-network",
  HTTPChaos: "chaos-mesh-http",
  StressChaos: "chaos-mesh-stress",
  IOChaos: "chaos-mesh-io",
  TimeChaos: "chaos-mesh-time",
  DNSChaos: "chaos-mesh-dns",
};

const COMMON = ["selector", "mode", "value", "duration", "remoteCluster"];
const ms = (v: unknown) => (typeof v === "string" ? parseGoDuration(v) : undefined);

interface KindMapping {
  handled: string[];
  /** The fault's params, or null when the document's action cannot be expressed (then it was skipped). */
  params: (m: Mapper, spec: Record<string, unknown>, at: Path, origins: Record<string, Path>) => Params | null;
}

function firstContainer(m: Mapper, spec: Record<string, unknown>, at: Path, origins: Record<string, Path>): string {
  const names = arr(spec.containerNames).map(String);
  if (names.length > 1) m.skip([...at, "containerNames", 1], names.slice(1), "Firedrill targets one container per fault: the first was kept.");
  origins["faults.0.params.containerName"] = [...at, "containerNames"];
  return names[0] ?? "";
}

const KINDS: Record<string, KindMapping> = {
  PodChaos: {
    handled: ["action", "gracePeriod", "containerNames"],
    params: (m, s, at, o) => {
      o["faults.0.params.action"] = [...at, "action"];
      o["faults.0.params.gracePeriodSeconds"] = [...at, "gracePeriod"];
      return { action: s.action, ...(s.gracePeriod !== undefined ? { gracePeriodSeconds: s.gracePeriod } : {}), containerName: firstContainer(m, s, at, o) };
    },
  },
  NetworkChaos: {
    handled: ["action", "delay", "loss", "direction"],
    params: (m, s, at, o) => {
      const action = str(s.action);
      if (action !== "delay" && action !== "loss" && action !== "partition") {
        m.skip([...at, "action"], s.action, "Firedrill's NetworkChaos does delay, loss and partition only.");
        return null;
      }
      const delay = obj(s.delay);
      const loss = obj(s.loss);
      m.skipOthers([...at, "delay"], delay, ["latency", "jitter"], (k) => `Firedrill's delay has latency and jitter only (no ${k}).`);
      m.skipOthers([...at, "loss"], loss, ["loss"], (k) => `Firedrill's loss has a percentage only (no ${k}).`);
      o["faults.0.params.latencyMs"] = [...at, "delay", "latency"];
      o["faults.0.params.jitterMs"] = [...at, "delay", "jitter"];
      o["faults.0.params.lossPercent"] = [...at, "loss", "loss"];
      o["faults.0.params.direction"] = [...at, "direction"];
      return {
        action,
        ...(delay.latency !== undefined ? { latencyMs: ms(delay.latency) ?? delay.latency } : {}),
        ...(delay.jitter !== undefined ? { jitterMs: ms(delay.jitter) ?? delay.jitter } : {}),
        ...(loss.loss !== undefined ? { lossPercent: num(loss.loss) ?? loss.loss } : {}),
        ...(s.direction !== undefined ? { direction: s.direction } : {}),
      };
    },
  },
  HTTPChaos: {
    handled: ["target", "abort", "delay", "replace", "port", "path"],
    params: (m, s, at, o) => {
      o["faults.0.params.port"] = [...at, "port"];
      o["faults.0.params.path"] = [...at, "path"];
      const base = { ...(s.port !== undefined ? { port: s.port } : {}), ...(s.path !== undefined ? { path: s.path } : {}) };
      const replace = obj(s.replace);
      const found: Params[] = [];
      if (s.abort === true) found.push({ action: "abort" });
      if (s.delay !== undefined) {
        o["faults.0.params.delayMs"] = [...at, "delay"];
        found.push({ action: "delay", delayMs: ms(s.delay) ?? s.delay });
      }
      if (replace.code !== undefined) {
        o["faults.0.params.statusCode"] = [...at, "replace", "code"];
        found.push({ action: "replace-status", statusCode: replace.code });
      }
      m.skipOthers([...at, "replace"], replace, ["code"], (k) => `Firedrill replaces the response status only (not ${k}).`);
      if (found.length === 0) {
        m.skip(at, { target: s.target }, "No abort, delay or replaced status: nothing Firedrill's HTTPChaos does.");
        return null;
      }
      for (const extra of found.slice(1)) m.skip([...at, extra.action === "delay" ? "delay" : "replace"], extra, "Firedrill's HTTPChaos does one thing per fault: the first (abort, delay, replace) was kept.");
      const wanted = found[0].action === "replace-status" ? "Response" : "Request";
      if (s.target !== undefined && s.target !== wanted) m.skip([...at, "target"], s.target, `Firedrill applies ${String(found[0].action)} to the ${wanted.toLowerCase()}.`);
      return { ...base, ...found[0] };
    },
  },
  StressChaos: {
    handled: ["stressors"],
    params: (m, s, at, o) => {
      const st = obj(s.stressors);
      const cpu = obj(st.cpu);
      const mem = obj(st.memory);
      m.skipOthers([...at, "stressors"], st, ["cpu", "memory"], () => "Firedrill stresses CPU and memory only.");
      m.skipOthers([...at, "stressors", "cpu"], cpu, ["workers", "load"], (k) => `Firedrill's CPU stressor takes workers and load (not ${k}).`);
      m.skipOthers([...at, "stressors", "memory"], mem, ["workers", "size"], (k) => `Firedrill's memory stressor takes workers and a size in MB (not ${k}).`);
      if (s.containerNames !== undefined) m.skip([...at, "containerNames"], s.containerNames, "Firedrill's StressChaos stresses the pod's first container.");
      o["faults.0.params.cpuWorkers"] = [...at, "stressors", "cpu", "workers"];
      o["faults.0.params.cpuLoad"] = [...at, "stressors", "cpu", "load"];
      o["faults.0.params.memoryWorkers"] = [...at, "stressors", "memory", "workers"];
      o["faults.0.params.memoryMb"] = [...at, "stressors", "memory", "size"];
      const size = str(mem.size);
      const mb = size ? sizeInMb(size) : undefined;
      if (size && mb === undefined) m.skip([...at, "stressors", "memory", "size"], size, "Firedrill takes memory as an amount (e.g. 256MB), not a share of the pod's memory.");
      return {
        cpuWorkers: st.cpu ? (cpu.workers ?? 1) : 0,
        ...(cpu.load !== undefined ? { cpuLoad: cpu.load } : {}),
        memoryWorkers: st.memory ? (mem.workers ?? 1) : 0,
        ...(mb !== undefined ? { memoryMb: mb } : {}),
      };
    },
  },
  IOChaos: {
    handled: ["action", "volumePath", "path", "delay", "errno", "percent", "containerNames"],
    params: (m, s, at, o) => {
      if (s.action !== "latency" && s.action !== "fault") {
        m.skip([...at, "action"], s.action, "Firedrill's IOChaos does latency and fault only.");
        return null;
      }
      for (const k of ["volumePath", "path", "errno", "percent"]) o[`faults.0.params.${k}`] = [...at, k];
      o["faults.0.params.delayMs"] = [...at, "delay"];
      return {
        action: s.action,
        ...(s.volumePath !== undefined ? { volumePath: s.volumePath } : {}),
        ...(s.path !== undefined ? { path: s.path } : {}),
        ...(s.delay !== undefined ? { delayMs: ms(s.delay) ?? s.delay } : {}),
        ...(s.errno !== undefined ? { errno: s.errno } : {}),
        ...(s.percent !== undefined ? { percent: s.percent } : {}),
        containerName: firstContainer(m, s, at, o),
      };
    },
  },
  TimeChaos: {
    handled: ["timeOffset", "containerNames"],
    params: (m, s, at, o) => {
      o["faults.0.params.offsetSec"] = [...at, "timeOffset"];
      const off = ms(s.timeOffset);
      if (off !== undefined && off % 1000 !== 0) m.skip([...at, "timeOffset"], s.timeOffset, "Firedrill shifts clocks by whole seconds: the offset was rounded.");
      return { offsetSec: off === undefined ? s.timeOffset : Math.round(off / 1000), containerName: firstContainer(m, s, at, o) };
    },
  },
  DNSChaos: {
    handled: ["action", "patterns"],
    params: (m, s, at, o) => {
      if (s.containerNames !== undefined) m.skip([...at, "containerNames"], s.containerNames, "DNS faults apply to the whole pod in Firedrill.");
      o["faults.0.params.action"] = [...at, "action"];
      o["faults.0.params.patterns"] = [...at, "patterns"];
      return { action: s.action, patterns: arr(s.patterns).map(String).join(", ") };
    },
  },
};

function sizeInMb(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i.exec(size.trim());
  if (!m) return undefined;
  const factor: Record<string, number> = { b: 1e-6, kb: 1e-3, mb: 1, gb: 1000, kib: 1024 / 1e6, mib: 1.048576, gib: 1073.741824 };
  return Math.max(1, Math.round(Number(m[1]) * factor[(m[2] ?? "B").toLowerCase()]));
}

/** One chaos spec (a chaos object's, or the one inside a Schedule) as an experiment draft. */
function mapChaosSpec(m: Mapper, crKind: string, spec: Record<string, unknown>, at: Path, meta: { name: string; namespace?: string }, extraNotes: string[]) {
  const mapping = KINDS[crKind];
  const origins: Record<string, Path> = {};
  const notes = [...extraNotes];
  const { targets, durationSec } = mapChaosMeshCommon(m, spec, at, meta.namespace, notes, origins);
  m.skipOthers(at, spec, [...COMMON, ...mapping.handled], (k) => `Firedrill's ${crKind} has no equivalent of ${k}.`);
  const params = mapping.params(m, spec, at, origins);
  if (!params) return;
  origins.title = ["metadata", "name"];
  notes.push("Chaos Mesh objects carry no hypothesis: Firedrill wrote one to edit.");
  m.add(
    {
      source: `Chaos Mesh ${crKind} ${meta.namespace ? meta.namespace + "/" : ""}${meta.name}`,
      draft: {
        title: meta.name,
        hypothesis: `The system keeps its steady state while ${crKind} ${String(params.action ?? "")} runs on ${targets.labelSelector || "the selected pods"}.`.replace("  ", " "),
        faults: [{ kind: CHAOS_MESH_KINDS[crKind], params }],
        targets,
        durationSec,
      },
      origins,
      notes,
    },
    at,
  );
}

/**
 * A Chaos Mesh object (PodChaos, NetworkChaos, HTTPChaos, StressChaos,
 * IOChaos, TimeChaos, DNSChaos, or a Schedule wrapping one of them) as a
 * Firedrill experiment with Chaos Mesh's own fault kind.
 */
export function importChaosMesh(m: Mapper, value: Record<string, unknown>): void {
  const kind = String(value.kind);
  const meta = obj(value.metadata);
  const name = str(meta.name) ?? kind;
  const namespace = str(meta.namespace);
  const spec = obj(value.spec);
  m.skipOthers(["metadata"], meta, ["name", "namespace"], (k) => `Firedrill keeps no ${k} on experiments.`);
  m.skipOthers([], value, ["apiVersion", "kind", "metadata", "spec"], (k) => `Not part of a chaos object's definition (${k}).`);
  if (kind !== "Schedule") return mapChaosSpec(m, kind, spec, ["spec"], { name, namespace }, []);

  const type = str(spec.type) ?? "";
  const key = type.charAt(0).toLowerCase() + type.slice(1);
  if (!KINDS[type]) {
    m.skip(["spec", "type"], type, `Firedrill imports Schedules of ${Object.keys(KINDS).join(", ")}.`);
    return;
  }
  const notes: string[] = [];
  if (spec.schedule !== undefined) m.skip(["spec", "schedule"], spec.schedule, "Firedrill runs an experiment when the room (or CI) starts it; it keeps no cron schedule. Repeats within a run are under targets.repeat.");
  for (const k of ["historyLimit", "concurrencyPolicy", "startingDeadlineSeconds"]) if (spec[k] !== undefined) m.skip(["spec", k], spec[k], "Belongs to the schedule, which Firedrill does not keep.");
  m.skipOthers(["spec"], spec, ["type", key, "schedule", "historyLimit", "concurrencyPolicy", "startingDeadlineSeconds"], (k) => `Only spec.${key} is read for a ${type} schedule (not ${k}).`);
  notes.push(`Imported from a Schedule (${String(spec.schedule ?? "no schedule")}): one run per start.`);
  mapChaosSpec(m, type, obj(spec[key]), ["spec", key], { name, namespace }, notes);
}
