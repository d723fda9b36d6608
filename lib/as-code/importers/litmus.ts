import { arr, DEFAULT_DURATION_SEC, Mapper, num, obj, str } from "./mapping";

type Path = (string | number)[];

const APP_KINDS = ["deployment", "statefulset", "daemonset", "deploymentconfig", "rollout"];
const CRITERIA: Record<string, string> = { ">=": ">=", "<=": "<=", "==": "==", ">": ">", "<": "<" };

/** A Litmus promProbe as a Firedrill probe; anything else Litmus probes do is listed as unmapped. */
function mapProbe(m: Mapper, raw: unknown, at: Path): Record<string, unknown> | null {
  const p = obj(raw);
  const type = str(p.type);
  if (type !== "promProbe") {
    m.skip(at, { name: p.name, type }, `Firedrill's probes are PromQL: a Litmus ${type ?? "probe"} has no equivalent (add a PromQL probe for the same signal).`);
    return null;
  }
  const inputsKey = "promProbe/inputs";
  const inputs = obj(p[inputsKey]);
  const cmp = obj(inputs.comparator);
  const criteria = CRITERIA[str(cmp.criteria) ?? ""];
  if (!criteria || num(cmp.value) === undefined || !str(inputs.query)) {
    m.skip([...at, inputsKey], inputs, "Firedrill needs a query and a numeric comparison (>=, <=, ==, >, <).");
    return null;
  }
  if (inputs.endpoint !== undefined) m.skip([...at, inputsKey, "endpoint"], inputs.endpoint, "Firedrill queries the Prometheus configured for the cluster under Settings → Metrics.");
  m.skipOthers([...at, inputsKey], inputs, ["endpoint", "query", "comparator"], (k) => `No equivalent of ${k} on a Firedrill probe.`);
  m.skipOthers(at, p, ["name", "type", inputsKey, "mode", "runProperties"], (k) => `No equivalent of ${k} on a Firedrill probe.`);
  if (p.mode !== undefined && p.mode !== "Continuous") m.skip([...at, "mode"], p.mode, "Firedrill checks steady-state probes before injecting and watches them during the run (Litmus's Continuous).");
  if (p.runProperties !== undefined) m.skip([...at, "runProperties"], p.runProperties, "Firedrill evaluates a probe over a window (60 s here; change it in the editor), not with Litmus's timeouts, intervals and retries.");
  return { name: str(p.name) ?? "Litmus probe", query: str(inputs.query), comparator: criteria, threshold: num(cmp.value), windowSec: 60 };
}

/**
 * A LitmusChaos ChaosEngine: each of its experiments becomes a Firedrill
 * experiment running that ChaosExperiment through Firedrill's ChaosEngine
 * fault (appinfo → targets, TOTAL_CHAOS_DURATION → duration, promProbes →
 * steady-state probes).
 */
export function importLitmus(m: Mapper, value: Record<string, unknown>): void {
  const meta = obj(value.metadata);
  const spec = obj(value.spec);
  const app = obj(spec.appinfo);
  const name = str(meta.name) ?? "chaosengine";
  m.skipOthers([], value, ["apiVersion", "kind", "metadata", "spec"], (k) => `Not part of a ChaosEngine (${k}).`);
  m.skipOthers(["metadata"], meta, ["name", "namespace"], (k) => `Firedrill keeps no ${k} on experiments.`);
  m.skipOthers(["spec"], spec, ["appinfo", "chaosServiceAccount", "experiments", "engineState", "jobCleanUpPolicy"], (k) => `Firedrill's ChaosEngine has no equivalent of ${k}.`);
  m.skipOthers(["spec", "appinfo"], app, ["appns", "applabel", "appkind"], (k) => `No equivalent of appinfo.${k}.`);
  if (spec.engineState === "stop") m.skip(["spec", "engineState"], spec.engineState, "This engine is stopped; Firedrill's runs start it as active.");
  const appKind = str(app.appkind);
  if (appKind && !APP_KINDS.includes(appKind)) m.skip(["spec", "appinfo", "appkind"], appKind, `Firedrill's ChaosEngine takes ${APP_KINDS.join(", ")}.`);
  const experiments = arr(spec.experiments);
  if (experiments.length === 0) m.skip(["spec", "experiments"], spec.experiments ?? null, "The engine names no experiment to run.");
  experiments.forEach((raw, i) => {
    const at: Path = ["spec", "experiments", i];
    const e = obj(raw);
    const components = obj(obj(e.spec).components);
    const notes = ["Litmus engines carry no hypothesis: Firedrill wrote one to edit."];
    const origins: Record<string, Path> = { "faults.0.params.experiment": [...at, "name"], "targets.namespace": ["spec", "appinfo", "appns"], "targets.labelSelector": ["spec", "appinfo", "applabel"], "faults.0.params.serviceAccount": ["spec", "chaosServiceAccount"] };
    m.skipOthers(at, e, ["name", "spec"], (k) => `No equivalent of ${k}.`);
    m.skipOthers([...at, "spec"], obj(e.spec), ["components", "probe"], (k) => `No equivalent of ${k}.`);
    m.skipOthers([...at, "spec", "components"], components, ["env"], (k) => `Firedrill's ChaosEngine passes no ${k}.`);
    let durationSec = DEFAULT_DURATION_SEC;
    let sample: { mode: string; value: number } = { mode: "all", value: 0 };
    const env = arr(components.env);
    const hasDuration = env.some((v) => obj(v).name === "TOTAL_CHAOS_DURATION");
    if (!hasDuration) notes.push(`No TOTAL_CHAOS_DURATION: the run lasts ${DEFAULT_DURATION_SEC} s.`);
    env.forEach((raw, j) => {
      const v = obj(raw);
      const at2: Path = [...at, "spec", "components", "env", j];
      if (v.name === "TOTAL_CHAOS_DURATION" && num(v.value) !== undefined) {
        durationSec = num(v.value)!;
        origins.durationSec = [...at2, "value"];
      } else if (v.name === "PODS_AFFECTED_PERC" && num(v.value) !== undefined) {
        sample = num(v.value) === 0 ? { mode: "all", value: 0 } : { mode: "percent", value: num(v.value)! };
        origins["targets.sample.value"] = [...at2, "value"];
      } else m.skip(at2, { name: v.name, value: v.value }, "Firedrill's ChaosEngine sets TOTAL_CHAOS_DURATION and PODS_AFFECTED_PERC only; the experiment's own default applies.");
    });
    const probes = arr(obj(e.spec).probe)
      .map((p, j) => mapProbe(m, p, [...at, "spec", "probe", j]))
      .filter((p): p is Record<string, unknown> => p !== null);
    const experiment = str(e.name) ?? "";
    m.add(
      {
        source: `LitmusChaos ChaosEngine ${str(meta.namespace) ? meta.namespace + "/" : ""}${name} (${experiment})`,
        draft: {
          title: experiments.length > 1 ? `${name}: ${experiment}` : name,
          hypothesis: `The application keeps its steady state while Litmus runs ${experiment}.`,
          faults: [{ kind: "litmus-engine", params: { experiment, ...(appKind && APP_KINDS.includes(appKind) ? { appKind } : {}), ...(spec.chaosServiceAccount !== undefined ? { serviceAccount: spec.chaosServiceAccount } : {}) } }],
          targets: { namespace: str(app.appns) ?? str(meta.namespace) ?? "", labelSelector: str(app.applabel) ?? "", sample },
          durationSec,
          steadyState: probes,
        },
        origins,
        notes,
      },
      at,
    );
  });
}
