import { arr, DEFAULT_DURATION_SEC, Mapper, MIN_DURATION_SEC, num, obj, str, type MappedExperiment } from "./mapping";

type Path = (string | number)[];
type Draft = MappedExperiment["draft"];

const REGEX_CHARS = /[.*+?^${}()|[\]\\]/;
const ZONE_LABEL = "topology.kubernetes.io/zone";

interface Pending {
  draft: Draft & { targets: Record<string, unknown>; faults: { kind: string; params: Record<string, unknown> }[] };
  origins: Record<string, Path>;
  notes: string[];
  at: Path;
  waited: number;
  source: string;
}

/** PowerfulSeal's filters (shared by pods and nodes) onto Firedrill's sample and probabilities. */
function mapFilters(m: Mapper, filters: unknown[], at: Path, p: Pending, isNode: boolean): void {
  filters.forEach((raw, i) => {
    const f = obj(raw);
    const fp: Path = [...at, i];
    const rs = obj(f.randomSample);
    if (f.randomSample !== undefined) {
      if (num(rs.size) !== undefined) p.draft.targets.sample = { mode: "count", value: num(rs.size) };
      else if (num(rs.ratio) !== undefined) p.draft.targets.sample = { mode: "percent", value: Math.round(num(rs.ratio)! * 10000) / 100 };
      else m.skip(fp, raw, "randomSample needs a size or a ratio.");
      p.origins["targets.sample.value"] = [...fp, "randomSample"];
    } else if (f.probability !== undefined) {
      // The filter lets the whole set through, or none of it: a round that happens with this probability.
      const pr = num(f.probability) ?? num(obj(f.probability).probabilityPassAll);
      if (pr === undefined) m.skip(fp, raw, "Not a probability.");
      else (p.draft.targets.repeat as Record<string, unknown>).probability = pr;
      p.origins["targets.repeat.probability"] = [...fp, "probability"];
    } else if (f.property !== undefined) {
      const prop = obj(f.property);
      if (!mapProperty(p, prop, isNode)) m.skip(fp, raw, whyProperty(prop, isNode));
    } else if (f.dayTime !== undefined) m.skip(fp, raw, "Firedrill runs when the room (or CI) starts the experiment; it has no day/time filter.");
    else m.skip(fp, raw, "Not a filter Firedrill knows.");
  });
}

function whyProperty(prop: Record<string, unknown>, isNode: boolean): string {
  if (prop.negative === true) return "Firedrill cannot negate a property match.";
  if (prop.name === "state") return isNode ? "Firedrill picks among the matching nodes whatever their state." : "Firedrill skips pods being deleted; it has no other state filter.";
  if (prop.name === "name") return "Firedrill matches exact names, not regular expressions.";
  return `Firedrill matches ${isNode ? "nodes by labels and names" : "pods by namespace, labels, owner and names"}, not by ${String(prop.name)}.`;
}

/** name (a plain value) → names; az → the zone label. Returns false when it cannot be expressed. */
function mapProperty(p: Pending, prop: Record<string, unknown>, isNode: boolean): boolean {
  const value = str(prop.value);
  if (!value || prop.negative === true) return false;
  if (prop.name === "name" && !REGEX_CHARS.test(value)) {
    p.draft.targets.names = [...((p.draft.targets.names as string[]) ?? []), value];
    return true;
  }
  if (isNode && prop.name === "az") {
    p.draft.targets.nodeSelector = `${ZONE_LABEL}=${value}`;
    p.notes.push(`Availability zone "${value}" is matched through the node label ${ZONE_LABEL}.`);
    return true;
  }
  return false;
}

function pending(scenario: Record<string, unknown>, at: Path, kind: string, params: Record<string, unknown>): Pending {
  const name = str(scenario.name) ?? `Scenario`;
  return {
    draft: {
      title: name,
      hypothesis: str(scenario.description)?.trim() || `The system keeps serving while: ${name}.`,
      faults: [{ kind, params }],
      targets: { sample: { mode: "all", value: 0 }, repeat: { count: 1, intervalSec: 60, probability: 1 } },
    },
    origins: { title: [...at.slice(0, 2), "name"] },
    notes: scenario.description ? [] : ["PowerfulSeal scenarios carry no hypothesis: Firedrill wrote one from the name."],
    at,
    waited: 0,
    source: `PowerfulSeal scenario "${name}"`,
  };
}

function podAction(m: Mapper, scenario: Record<string, unknown>, at: Path): Pending | null {
  const a = obj(obj(arr(scenario.steps)[Number(at.at(-1))]).podAction);
  const p = pending(scenario, at, "pod-kill", {});
  const base: Path = [...at, "podAction"];
  m.skipOthers(base, a, ["matches", "filters", "actions"], (k) => `Firedrill has no equivalent of ${k}.`);
  arr(a.matches).forEach((raw, i) => {
    const mt = obj(raw);
    const mp: Path = [...base, "matches", i];
    if (i > 0) return m.skip(mp, raw, "A Firedrill experiment selects with one match: the first was kept.");
    if (mt.namespace !== undefined) p.draft.targets.namespace = str(mt.namespace) ?? str(obj(mt.namespace).name);
    else if (mt.labels !== undefined) Object.assign(p.draft.targets, { namespace: str(obj(mt.labels).namespace), labelSelector: str(obj(mt.labels).selector) });
    else if (mt.deployment !== undefined) Object.assign(p.draft.targets, { namespace: str(obj(mt.deployment).namespace), owner: { kind: "Deployment", name: str(obj(mt.deployment).name) } });
    else m.skip(mp, raw, "Not a pod match Firedrill knows (namespace, labels, deployment).");
    p.origins["targets.namespace"] = mp;
    p.origins["targets.labelSelector"] = mp;
  });
  mapFilters(m, arr(a.filters), [...base, "filters"], p, false);
  let killed = false;
  arr(a.actions).forEach((raw, i) => {
    const act = obj(raw);
    const ap: Path = [...base, "actions", i];
    if (act.kill !== undefined) {
      const k = obj(act.kill);
      if (killed) return m.skip(ap, raw, "The pods are killed once per round.");
      killed = true;
      if (num(k.probability) !== undefined) p.draft.targets.probability = num(k.probability);
      if (k.force === true) Object.assign(p.draft.faults[0].params, { force: true, gracePeriodSeconds: 0 });
      p.origins["targets.probability"] = [...ap, "kill", "probability"];
    } else if (act.wait !== undefined) p.waited += num(obj(act.wait).seconds) ?? 0;
    else if (act.checkPodState !== undefined || act.checkPodCount !== undefined) m.skip(ap, raw, "Firedrill's checks are PromQL steady-state probes: add one (e.g. kube_deployment_status_replicas_available) in the editor.");
    else if (act.stopHost !== undefined) m.skip(ap, raw, "Firedrill cannot stop the host under a pod (no cloud or SSH driver).");
    else m.skip(ap, raw, "Not a pod action Firedrill knows.");
  });
  if (!killed) {
    m.skip([...base, "actions"], a.actions ?? null, "No kill action: nothing to inject.");
    return null;
  }
  return p;
}

function nodeAction(m: Mapper, scenario: Record<string, unknown>, at: Path, previous: Pending | undefined): Pending | null {
  const a = obj(obj(arr(scenario.steps)[Number(at.at(-1))]).nodeAction);
  const base: Path = [...at, "nodeAction"];
  const actions = arr(a.actions);
  const stops = actions.filter((x) => obj(x).stop !== undefined);
  if (stops.length === 0 && actions.every((x) => x === "start" || obj(x).start !== undefined)) {
    // A later "start" brings stopped nodes back: Firedrill's revert does that by itself.
    if (previous?.draft.faults[0].kind === "node-drain") previous.notes.push("The scenario's start step is Firedrill's revert: the node is uncordoned at the end.");
    else m.skip(base, a, "A start without a stop before it: nothing to inject.");
    return null;
  }
  const p = pending(scenario, at, "node-drain", { drain: true });
  m.skipOthers(base, a, ["matches", "filters", "actions"], (k) => `Firedrill has no equivalent of ${k}.`);
  arr(a.matches).forEach((raw, i) => {
    const prop = obj(obj(raw).property);
    if (!mapProperty(p, prop, true)) m.skip([...base, "matches", i], raw, whyProperty(prop, true));
  });
  mapFilters(m, arr(a.filters), [...base, "filters"], p, true);
  let stopped = false;
  actions.forEach((raw, i) => {
    const act = obj(raw);
    const ap: Path = [...base, "actions", i];
    if (act.stop !== undefined && !stopped) {
      stopped = true;
      const s = obj(act.stop);
      p.notes.push("PowerfulSeal stops the VM through a cloud driver; Firedrill has none, so the node is cordoned and drained (its pods evicted, PodDisruptionBudgets honoured) and uncordoned at the end.");
      if (s.autoRestart === false) m.skip([...ap, "stop", "autoRestart"], false, "Firedrill always restores what it changed at the end of a run.");
      if (s.force !== undefined) m.skip([...ap, "stop", "force"], s.force, "Evictions always honour PodDisruptionBudgets in Firedrill.");
    } else if (act.wait !== undefined) p.waited += num(obj(act.wait).seconds) ?? 0;
    else if (act.start !== undefined || raw === "start") p.notes.push("The start action is Firedrill's revert: the node is uncordoned at the end.");
    else if (act.execute !== undefined) m.skip(ap, raw, "Firedrill runs no commands on nodes.");
    else m.skip(ap, raw, "Not a node action Firedrill knows.");
  });
  return p;
}

/**
 * A probeHTTP step after a fault: the experiment's steady-state HTTP probe.
 * PowerfulSeal calls the URL (a service by its cluster IP, or a URL) once at
 * that step; Firedrill calls it all through the run and wants every request
 * to succeed. Only the target and endpoint are read; anything else is listed.
 */
function probeHttp(m: Mapper, probe: Record<string, unknown>, at: Path, p: Pending): void {
  const target = obj(probe.target);
  const service = obj(target.service);
  const endpoint = (str(probe.endpoint) ?? "").replace(/^\/+/, "");
  let base: string | undefined;
  if (target.service !== undefined && str(service.name) && str(service.namespace)) base = `${str(service.protocol) ?? "http"}://${str(service.name)}.${str(service.namespace)}.svc:${num(service.port) ?? 80}`;
  else if (str(target.url)) base = str(target.url)!.replace(/\/+$/, "");
  if (!base || !URL.canParse(`${base}/${endpoint}`)) return m.skip(at, probe, "An HTTP check needs target.url or target.service (name and namespace).");
  m.skipOthers(at, probe, ["target", "endpoint"], (k) => `Firedrill's HTTP probe expects HTTP 200 within 1 s every 2 s; ${k} was not read: set it in the editor.`);
  const url = `${base}/${endpoint}`;
  const probes = ((p.draft as { steadyState?: unknown[] }).steadyState ??= []);
  probes.push({ kind: "http", name: `HTTP check ${endpoint ? `/${endpoint}` : url}`.slice(0, 100), query: "", comparator: ">=", threshold: 1, windowSec: 30, http: { url } });
  p.notes.push(`The HTTP check of ${url} is a steady-state HTTP probe: every request over 30 s must succeed. An admin allows its host on the cluster (guardrails) before it can be saved.`);
}

function finish(m: Mapper, p: Pending): void {
  let duration = p.waited;
  if (duration === 0) {
    duration = DEFAULT_DURATION_SEC;
    p.notes.push(`No wait after the action: the run lasts ${DEFAULT_DURATION_SEC} s.`);
  } else if (duration < MIN_DURATION_SEC) {
    p.notes.push(`The scenario waits ${duration} s; Firedrill's minimum is ${MIN_DURATION_SEC} s.`);
    duration = MIN_DURATION_SEC;
  }
  const repeat = p.draft.targets.repeat as { count: number; intervalSec: number };
  if (repeat.count > 1) {
    // Rounds happen within the run: it lasts until the last round has had its time.
    p.notes.push(`${repeat.count} rounds ${repeat.intervalSec} s apart, each lasting ${duration} s: the run lasts ${(repeat.count - 1) * repeat.intervalSec + duration} s.`);
    duration += (repeat.count - 1) * repeat.intervalSec;
  }
  p.draft.durationSec = Math.round(duration);
  m.add({ source: p.source, draft: p.draft, origins: p.origins, notes: p.notes }, p.at);
}

/**
 * A PowerfulSeal policy: every pod or node action of a scenario that kills
 * pods or stops nodes becomes an experiment (match → targets, randomSample
 * and probability filters → sample and probabilities, waits → duration,
 * runStrategy → repeats). Probes, kubectl steps, clones and the rest are listed.
 */
export function importPowerfulSeal(m: Mapper, value: Record<string, unknown>): void {
  m.skipOthers([], value, ["config", "scenarios"], (k) => `Not part of a PowerfulSeal policy (${k}).`);
  const config = obj(value.config);
  const run = obj(config.runStrategy);
  m.skipOthers(["config"], config, ["runStrategy"], (k) => (k === "exitStrategy" ? "A Firedrill run stops on its abort conditions or its Stop button." : `No equivalent of ${k}.`));
  if (run.strategy !== undefined) m.skip(["config", "runStrategy", "strategy"], run.strategy, "Each scenario becomes its own experiment; the room picks the order.");
  const runs = num(run.runs);
  const between = num(run.minSecondsBetweenRuns);
  if (run.maxSecondsBetweenRuns !== undefined) m.skip(["config", "runStrategy", "maxSecondsBetweenRuns"], run.maxSecondsBetweenRuns, "Firedrill waits a fixed interval between rounds: the minimum was used.");
  arr(value.scenarios).forEach((rawScenario, s) => {
    const scenario = obj(rawScenario);
    const at: Path = ["scenarios", s];
    m.skipOthers(at, scenario, ["name", "description", "steps"], (k) => `No equivalent of ${k}.`);
    const made: Pending[] = [];
    let current: Pending | undefined;
    arr(scenario.steps).forEach((rawStep, i) => {
      const step = obj(rawStep);
      const sp: Path = [...at, "steps", i];
      if (step.podAction !== undefined || step.nodeAction !== undefined) {
        const p = step.podAction !== undefined ? podAction(m, scenario, sp) : nodeAction(m, scenario, sp, current);
        if (p) made.push((current = p));
      } else if (step.wait !== undefined) {
        if (current) current.waited += num(obj(step.wait).seconds) ?? 0;
        else m.skip(sp, rawStep, "A wait before any fault: Firedrill's preflight checks the steady state instead.");
      } else if (step.probeHTTP !== undefined) {
        if (current) probeHttp(m, obj(step.probeHTTP), [...sp, "probeHTTP"], current);
        else m.skip(sp, rawStep, "An HTTP check before any fault: Firedrill's preflight checks the steady state instead.");
      }
      else if (step.kubectl !== undefined) m.skip(sp, rawStep, "Firedrill applies no arbitrary manifests.");
      else m.skip(sp, rawStep, `Firedrill has no equivalent of the ${Object.keys(step)[0] ?? "empty"} step.`);
    });
    if (made.length === 0) m.skip(at, scenario.name ?? `scenario ${s + 1}`, "This scenario kills no pod and stops no node: no experiment was made from it.");
    for (const p of made) {
      if (made.length > 1) p.draft.title = `${p.draft.title} (step ${Number(p.at.at(-1)) + 1})`;
      if (runs !== undefined) Object.assign(p.draft.targets.repeat as object, { count: runs, ...(between !== undefined ? { intervalSec: Math.max(1, Math.round(between)) } : {}) });
      finish(m, p);
    }
  });
}
